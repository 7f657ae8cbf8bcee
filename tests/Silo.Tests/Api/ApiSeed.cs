using System.Net.Http.Json;
using System.Text;

namespace Switchboard.Silo.Tests.Api;

/// <summary>Creates the objects most tests need, through the API, failing loudly when a step does not succeed.</summary>
public static class ApiSeed
{
    public const string Deck = """
        prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
        49,Germany,0.0200,0,60/60,0,2020-01-01,
        4930,Berlin,0.0100,0,1/1,0,2020-01-01,
        """;

    public static async Task TenantAsync(HttpClient op, string tenantId) =>
        await Ok(await op.PostAsJsonAsync("/api/v1/tenants",
            new { tenantId, name = $"{tenantId} GmbH", sipDomain = $"{tenantId}.pbx.example.com", accountId = $"acct-{tenantId}" }));

    public static async Task PlanAsync(HttpClient op, string planId)
    {
        using var csv = new StringContent(Deck, Encoding.UTF8, "text/csv");
        await Ok(await op.PutAsync($"/api/v1/rate-plans/{planId}?description=test", csv));
    }

    /// <summary>Tenant, plan and the tenant's account with the given credit.</summary>
    public static async Task TenantWithAccountAsync(HttpClient op, string tenantId, decimal credit = 0m)
    {
        await TenantAsync(op, tenantId);
        await PlanAsync(op, "plan-std");
        await Ok(await op.PostAsJsonAsync("/api/v1/accounts",
            new { accountId = $"acct-{tenantId}", tenantId, ratePlanId = "plan-std", creditLimit = 0m }));
        if (credit != 0m)
        {
            await Ok(await op.PostAsJsonAsync($"/api/v1/accounts/acct-{tenantId}/credits",
                new { reference = $"seed-{tenantId}", amount = credit, description = "seed" }));
        }
    }

    public static async Task Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
