using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.TopUps;

public sealed class TopUpEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private static string Hash(char c) => new(c, 64);

    [Fact]
    public async Task Report_PendingThenConfirmed_CreditsOnce()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "coin");

        var pending = JsonDocument.Parse(await (await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-coin/topups",
            new { coin = "BTC", txHash = Hash('a'), amount = 0.001m, confirmations = 1, eurRate = 50000m })).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("pending", pending.GetProperty("status").GetString());

        for (var i = 0; i < 2; i++)
        {
            await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-coin/topups",
                new { coin = "BTC", txHash = Hash('a'), amount = 0.001m, confirmations = 3 + i, eurRate = 50000m }));
        }

        var account = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-coin")).RootElement;
        Assert.Equal(50m, account.GetProperty("balance").GetDecimal());
        var listed = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/topups?accountId=acct-coin&status=credited")).RootElement;
        Assert.Single(listed.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Report_SameHashForAnotherAccount_Returns409AndCreditsNothing()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "honest");
        await ApiSeed.TenantWithAccountAsync(host.Operator, "copycat");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-honest/topups",
            new { coin = "BTC", txHash = Hash('b'), amount = 0.001m, confirmations = 3, eurRate = 50000m }));

        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-copycat/topups",
            new { coin = "BTC", txHash = Hash('b'), amount = 0.001m, confirmations = 3, eurRate = 50000m }), HttpStatusCode.Conflict);

        var copycat = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-copycat")).RootElement;
        Assert.Equal(0m, copycat.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Report_BadInput_Returns400PerField()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "coinbad");

        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-coinbad/topups",
            new { coin = "", txHash = "", amount = -1m, confirmations = -1, eurRate = 0m }), "coin", "txHash", "amount", "confirmations", "eurRate");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-coinbad/topups",
            new { coin = "DOGE", txHash = Hash('c'), amount = 1m, confirmations = 1, eurRate = 1m }), "coin");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-coinbad/topups",
            new { coin = "ETH", txHash = Hash('c'), amount = 1m, confirmations = 1, eurRate = 1m }), "txHash");

        Assert.Contains("\"items\":[]", await host.Operator.GetStringAsync("/api/v1/topups?accountId=acct-coinbad"));
    }

    [Fact]
    public async Task TenantKeys_CannotReportAndListOnlyTheirOwn()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "tp-one");
        await ApiSeed.TenantWithAccountAsync(host.Operator, "tp-two");
        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-tp-two/topups",
            new { coin = "BTC", txHash = Hash('d'), amount = 0.001m, confirmations = 1, eurRate = 50000m }));
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "tp-one");

        await ProblemAssert.Status(await admin.PostAsJsonAsync("/api/v1/accounts/acct-tp-one/topups",
            new { coin = "BTC", txHash = Hash('e'), amount = 1m, confirmations = 9, eurRate = 50000m }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/topups?tenantId=tp-two"), HttpStatusCode.Forbidden);
        Assert.DoesNotContain(Hash('d'), await admin.GetStringAsync("/api/v1/topups?accountId=acct-tp-two"));
    }
}
