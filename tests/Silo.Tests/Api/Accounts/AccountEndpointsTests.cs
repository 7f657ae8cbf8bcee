using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.Accounts;

public sealed class AccountEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Open_Operator_StartsAtZeroWithTheGivenSettings()
    {
        await ApiSeed.TenantAsync(host.Operator, "acc");
        await ApiSeed.PlanAsync(host.Operator, "plan-a");

        var response = await host.Operator.PostAsJsonAsync("/api/v1/accounts", new
        {
            accountId = "acct-acc", tenantId = "acc", ratePlanId = "plan-a", creditLimit = 5m,
            fraudLimits = new { maxConcurrentCalls = 3, blockedPrefixes = new[] { "882" } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var account = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-acc")).RootElement;
        Assert.Equal(0m, account.GetProperty("balance").GetDecimal());
        Assert.Equal(5m, account.GetProperty("available").GetDecimal());
        Assert.Equal("active", account.GetProperty("status").GetString());
        Assert.Equal(3, account.GetProperty("fraudLimits").GetProperty("maxConcurrentCalls").GetInt32());
    }

    [Fact]
    public async Task Open_Duplicate_Returns409()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "twice");

        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/accounts",
            new { accountId = "acct-twice", tenantId = "twice", ratePlanId = "plan-std" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Open_ConcurrentForTheSameId_OneGets201TheOthers409AndNothingChanges()
    {
        await ApiSeed.TenantAsync(host.Operator, "race");
        await ApiSeed.PlanAsync(host.Operator, "plan-race");
        using var gate = new SemaphoreSlim(0);

        // Several at once, each with its own credit limit. Before the fix (check, then upsert) this only sometimes
        // gave several 201s, as timing allowed; the store contract tests pin the guard itself deterministically.
        async Task<HttpResponseMessage> Open(decimal creditLimit)
        {
            await gate.WaitAsync();
            return await host.Operator.PostAsJsonAsync("/api/v1/accounts",
                new { accountId = "acct-race", tenantId = "race", ratePlanId = "plan-race", creditLimit });
        }

        var opens = Enumerable.Range(1, 8).Select(i => Task.Run(() => Open(i))).ToList();
        gate.Release(opens.Count);
        var responses = await Task.WhenAll(opens);

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var loser in responses.Where(r => r != winner))
        {
            await ProblemAssert.Status(loser, HttpStatusCode.Conflict);
        }

        var created = JsonDocument.Parse(await winner.Content.ReadAsStringAsync()).RootElement;
        var stored = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-race")).RootElement;
        Assert.Equal(created.GetProperty("creditLimit").GetDecimal(), stored.GetProperty("creditLimit").GetDecimal());
        Assert.Equal(0m, stored.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Open_BadInput_Returns400PerFieldAndOpensNothing()
    {
        await ApiSeed.TenantAsync(host.Operator, "accbad");

        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts", new
        {
            accountId = "1acct", tenantId = "", ratePlanId = "plan-std", creditLimit = -1m, fraudLimits = new { maxCallsPerMinute = 0 },
        }), "accountId", "tenantId", "creditLimit", "fraudLimits.maxCallsPerMinute");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts",
            new { accountId = "acct-accbad", tenantId = "nosuchtenant", ratePlanId = "plan-nosuch" }), "tenantId", "ratePlanId");

        await ProblemAssert.Status(await host.Operator.GetAsync("/api/v1/accounts/acct-accbad"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Credit_SameReferenceTwice_CreditsOnceAndWritesOneLedgerRow()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "cred");

        for (var i = 0; i < 2; i++)
        {
            await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-cred/credits",
                new { reference = "invoice-42", amount = 12.5m, description = "bank transfer" }));
        }

        var account = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-cred")).RootElement;
        Assert.Equal(12.5m, account.GetProperty("balance").GetDecimal());
        var ledger = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-cred/ledger")).RootElement.GetProperty("items");
        var row = Assert.Single(ledger.EnumerateArray());
        Assert.Equal("invoice-42", row.GetProperty("reference").GetString());
        Assert.Equal("credit", row.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Credit_BadInput_Returns400AndBalanceUnchanged()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "credbad", credit: 3m);

        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-credbad/credits",
            new { reference = "", amount = 0m }), "reference", "amount");
        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-credbad/credits",
            new { reference = "r", amount = "lots" }), "amount");
        await ProblemAssert.Status(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-nosuch/credits",
            new { reference = "r", amount = 1m }), HttpStatusCode.NotFound);

        var account = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-credbad")).RootElement;
        Assert.Equal(3m, account.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task LockAndUnlock_ChangeStatusWithReason()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "lockme");

        var locked = JsonDocument.Parse(await (await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-lockme/lock",
            new { reason = "chargeback" })).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("locked", locked.GetProperty("status").GetString());
        Assert.Equal("chargeback", locked.GetProperty("statusReason").GetString());

        await ProblemAssert.Invalid(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-lockme/unlock", new { reason = "" }), "reason");
        Assert.Contains("\"locked\"", await host.Operator.GetStringAsync("/api/v1/accounts/acct-lockme"));

        await ApiSeed.Ok(await host.Operator.PostAsJsonAsync("/api/v1/accounts/acct-lockme/unlock", new { reason = "paid" }));
        Assert.Contains("\"active\"", await host.Operator.GetStringAsync("/api/v1/accounts/acct-lockme"));
    }

    [Fact]
    public async Task Update_ChangesPlanAndLimitButNeverTenantOrBalance()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "upd", credit: 2m);
        await ApiSeed.PlanAsync(host.Operator, "plan-gold");

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/accounts/acct-upd", new { ratePlanId = "plan-gold", creditLimit = 10m }));
        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/accounts/acct-upd", new { ratePlanId = "plan-none", creditLimit = 99m }), "ratePlanId");

        var account = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-upd")).RootElement;
        Assert.Equal("plan-gold", account.GetProperty("ratePlanId").GetString());
        Assert.Equal(10m, account.GetProperty("creditLimit").GetDecimal());
        Assert.Equal(2m, account.GetProperty("balance").GetDecimal());
        Assert.Equal("upd", account.GetProperty("tenantId").GetString());
    }

    [Fact]
    public async Task TenantKeys_SeeOnlyTheirTenantsAccountsAndChangeNoMoney()
    {
        await ApiSeed.TenantWithAccountAsync(host.Operator, "t-one", credit: 1m);
        await ApiSeed.TenantWithAccountAsync(host.Operator, "t-two", credit: 1m);
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "t-one");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/accounts/acct-t-one")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/accounts/acct-t-one/ledger")).StatusCode);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/accounts/acct-t-two"), HttpStatusCode.NotFound);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/accounts/acct-t-two/ledger"), HttpStatusCode.NotFound);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/accounts?tenantId=t-two"), HttpStatusCode.Forbidden);
        var listed = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/accounts")).RootElement.GetProperty("items");
        Assert.All(listed.EnumerateArray(), a => Assert.Equal("t-one", a.GetProperty("tenantId").GetString()));
        Assert.NotEmpty(listed.EnumerateArray());

        await ProblemAssert.Status(await admin.PostAsJsonAsync("/api/v1/accounts/acct-t-one/credits", new { reference = "free", amount = 100m }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PostAsJsonAsync("/api/v1/accounts/acct-t-two/lock", new { reason = "spite" }), HttpStatusCode.Forbidden);
        Assert.Contains("\"active\"", await host.Operator.GetStringAsync("/api/v1/accounts/acct-t-two"));
        var one = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/accounts/acct-t-one")).RootElement;
        Assert.Equal(1m, one.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task List_BadPaging_Returns400()
    {
        await ProblemAssert.Invalid(await host.Operator.GetAsync("/api/v1/accounts?limit=5000&offset=-1"), "limit", "offset");
    }
}
