using System.Net;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api;

/// <summary>Checks RFC 9457 problem responses.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> Status(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>A 400 validation problem naming each of <paramref name="fields"/> in <c>errors</c>.</summary>
    public static async Task<JsonElement> Invalid(HttpResponseMessage response, params string[] fields)
    {
        var problem = await Status(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
                $"no error for '{field}' in {errors}");
        }

        return problem;
    }
}
