using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Fraud;

/// <summary>A real cluster whose account locks for fraud: the operator's and the tenant's receivers both get the signed alert.</summary>
public sealed class FraudWebhookNotifierTests
{
    private const string OperatorSecret = "operator-webhook-secret-0123456789";
    private const string TenantSecret = "tenant-webhook-secret-abcdefghijklmnop";

    [Fact]
    public async Task AccountLocked_NotifiesOperatorAndTenantWithSignedPayloads()
    {
        using var operatorReceiver = new WebhookReceiver(503, 204);
        using var tenantReceiver = new WebhookReceiver(204);
        await using var billing = await BillingCluster.StartAsync(configureSilo: silo =>
            silo.Services.Configure<FraudWebhookOptions>(o =>
            {
                o.Url = operatorReceiver.Url;
                o.Secret = OperatorSecret;
                o.FirstRetryDelay = TimeSpan.FromMilliseconds(100);
                o.AllowPrivateTenantUrls = true;
            }));
        var tenant = billing.Grains.GetGrain<ITenantGrain>("demo");
        (await tenant.Configure(new TenantSettings("Demo", "demo.webhook.test", TenantStatus.Active, "acct-hook", TenantPolicies.Default))).OrThrow();
        (await tenant.SetFraudWebhook(new TenantFraudWebhook(tenantReceiver.Url, TenantSecret))).OrThrow();
        var account = await billing.OpenAsync("acct-hook", 10m, new FraudLimits(0, 0, 0m, ["4989"], []) { BreachesBeforeLock = 2 });

        for (var i = 0; i < 2; i++)
        {
            await account.AuthorizeCall(new CallAuthorizationRequest($"hook-{i}-{Guid.NewGuid():N}", "1001", "49891234", CallDirection.Outbound, DateTimeOffset.UtcNow));
        }

        Assert.Equal(AccountStatus.Locked, (await account.GetSnapshot()).Status);
        await operatorReceiver.WaitForAsync(2, TimeSpan.FromSeconds(15));
        await tenantReceiver.WaitForAsync(1, TimeSpan.FromSeconds(15));

        // Only the lock reaches either receiver (LockedAccountsOnly by default), the operator's after one retry.
        var (signature, _, body, _) = Assert.Single(tenantReceiver.Requests);
        Assert.True(WebhookReceiver.Verifies(signature, TenantSecret, body));
        Assert.False(WebhookReceiver.Verifies(signature, OperatorSecret, body));
        using var payload = JsonDocument.Parse(body);
        Assert.True(payload.RootElement.GetProperty("lockedAccount").GetBoolean());
        Assert.Equal("acct-hook", payload.RootElement.GetProperty("accountId").GetString());
        Assert.Equal("AccountLocked", payload.RootElement.GetProperty("rule").GetString());
        Assert.All(operatorReceiver.Requests, r => Assert.True(WebhookReceiver.Verifies(r.Signature, OperatorSecret, r.Body)));
        Assert.Equal(2, operatorReceiver.Requests.Count);
    }
}
