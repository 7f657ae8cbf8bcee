using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Keys;
using Switchboard.Silo.Demo;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Demo;

public sealed class DemoTenantSeederTests
{
    [Fact]
    public async Task Start_Embedded_SeedsTenantExtensionsAndFundedAccount()
    {
        await using var silo = await RunningSilo.StartAsync();
        var demo = silo.Services.GetRequiredService<DemoTenant>();

        var tenant = await silo.GrainFactory.GetGrain<ITenantGrain>(DemoTenant.TenantId).GetSnapshot();
        var account = await silo.GrainFactory.GetGrain<IAccountGrain>(DemoTenant.AccountId).GetSnapshot();

        Assert.True(demo.Seeded);
        Assert.NotNull(tenant);
        Assert.Equal(DemoTenant.OpeningCredit, account.Balance);
        foreach (var number in DemoTenant.ExtensionNumbers)
        {
            var extension = silo.GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For(DemoTenant.TenantId, number));
            Assert.True(await extension.VerifyPassword(demo.Passwords[number]));
            Assert.False(await extension.VerifyPassword(demo.Passwords[number] + "x"));
        }
    }

    [Fact]
    public async Task Start_Embedded_DemoTenantAndExtensionsAreInTheAdminLists()
    {
        var key = ApiKeySecret.Generate();
        await using var silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = key });
        using var http = silo.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var tenants = JsonDocument.Parse(await http.GetStringAsync("/api/v1/tenants")).RootElement.GetProperty("items");
        var extensions = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/tenants/{DemoTenant.TenantId}/extensions")).RootElement.GetProperty("items");

        Assert.Equal([DemoTenant.TenantId], tenants.EnumerateArray().Select(t => t.GetProperty("tenantId").GetString()));
        Assert.Equal(DemoTenant.ExtensionNumbers.Order(StringComparer.Ordinal), extensions.EnumerateArray().Select(e => e.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task Start_Postgres_SeedsNothing()
    {
        await using var silo = await RunningSilo.StartAsync(postgres: true);

        Assert.Null(silo.Services.GetService<DemoTenant>());
        Assert.Null(await silo.GrainFactory.GetGrain<ITenantGrain>(DemoTenant.TenantId).GetSnapshot());
    }
}
