using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Keys;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Api;

/// <summary>
/// Issue 12 item 9: only the failures a grain returns (<see cref="Grains.GrainError"/>) become 400, 404 or 409. An
/// exception thrown inside a grain the admin API calls is a bug or an outage: a 500 problem that says nothing of
/// the exception, whatever its type (an <see cref="InvalidOperationException"/> was once answered 409, an
/// <see cref="ArgumentException"/> 400).
/// </summary>
public sealed class UnexpectedGrainFailureTests
{
    private const string Secret = "internal-detail-7f3a";

    [Fact]
    public async Task GrainThrows_AnyExceptionType_Is500ProblemWithoutItsMessage()
    {
        var key = ApiKeySecret.Generate();
        await using var silo = await RunningSilo.StartAsync(
            settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = key },
            configure: b => b.Services.AddSingleton<IIncomingGrainCallFilter>(new FaultyTenants()));
        using var http = silo.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var tenant in new[] { "boom-state", "boom-argument", "healthy" })
        {
            await ApiSeed.TenantAsync(http, tenant);
        }

        foreach (var tenant in new[] { "boom-state", "boom-argument" })
        {
            using var response = await http.PutAsJsonAsync($"/api/v1/tenants/{tenant}/policies", new { ringTimeoutSeconds = 20 });

            await ProblemAssert.Status(response, HttpStatusCode.InternalServerError);
            Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The same request on a tenant whose grain does not throw succeeds: the 500s came from the faults alone.
        await ApiSeed.Ok(await http.PutAsJsonAsync("/api/v1/tenants/healthy/policies", new { ringTimeoutSeconds = 20 }));
    }

    /// <summary>Throws, inside the tenant grain's call, the exception types that once passed for expected failures.</summary>
    private sealed class FaultyTenants : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.TargetContext?.GrainInstance is ITenantGrain && context.InterfaceMethod?.Name == nameof(ITenantGrain.UpdatePolicies))
            {
                switch (context.TargetId.Key.ToString())
                {
                    case "boom-state":
                        throw new InvalidOperationException("Tenant state is inconsistent: " + Secret);
                    case "boom-argument":
                        throw new ArgumentException("An argument deep inside was wrong: " + Secret);
                }
            }

            return context.Invoke();
        }
    }
}
