using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Switchboard.Silo.Api;

/// <summary>
/// Reads a JSON request body so that malformed JSON becomes a 400 ValidationProblem naming the field (the JSON
/// path), like every other bad input, instead of the framework's empty 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiProblems.Invalid("body", "must be JSON (Content-Type: application/json)."));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
        try
        {
            var body = await context.Request.ReadFromJsonAsync<T>(options.SerializerOptions, context.RequestAborted);
            return body is null ? (null, ApiProblems.Invalid("body", "is required.")) : (body, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, ApiProblems.Invalid(field, "has a value of the wrong type or is not valid JSON."));
        }
    }
}
