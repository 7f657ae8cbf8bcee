using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Api;

/// <summary>
/// Runs every curl command of the README's admin API walk-through, in order, against a real silo with PostgreSQL and
/// an embedded one (in-memory stores), so the documentation cannot drift from the code. The one step curl cannot
/// do (a phone making a call) is replaced by settling a call through the account grain, as the call grain does at
/// hang-up.
/// </summary>
public sealed class WalkthroughTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public Task Walkthrough_Postgres_EveryCommandSucceedsAndTheCallShowsUp() => RunAsync(host.Silo);

    [Fact]
    public async Task Walkthrough_Embedded_EveryCommandSucceedsAndTheCallShowsUp()
    {
        await using var embedded = await RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Admin:BootstrapKey"] = AdminApiHost.OperatorKey });
        await RunAsync(embedded);
    }

    private static async Task RunAsync(RunningSilo silo)
    {
        var commands = DocCommands.Read(FindDoc());
        var variables = new Dictionary<string, string>
        {
            ["SB_KEY"] = AdminApiHost.OperatorKey,
            ["API"] = new Uri(silo.HttpBaseAddress, "/api/v1").ToString(),
        };
        using var http = silo.CreateHttpClient();
        var outputs = new List<string>();
        var called = false;

        foreach (var command in commands.Curls)
        {
            // The doc makes the call between creating the trunk and reading the CDRs.
            if (!called && command.Contains("/cdrs", StringComparison.Ordinal))
            {
                await MakeCallAsync(silo);
                called = true;
            }

            using var request = DocCommands.ToRequest(command, variables, commands.Files);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{command}\n→ {(int)response.StatusCode} {body}");
            outputs.Add(body);
        }

        Assert.True(called, "the walk-through no longer reads CDRs");
        var cdrs = outputs.First(o => o.Contains("\"items\"", StringComparison.Ordinal) && o.Contains("4930123456", StringComparison.Ordinal));
        Assert.Contains("acct-acme", cdrs);
        Assert.Contains(outputs, o => o.StartsWith("call_id,", StringComparison.Ordinal) && o.Contains("4930123456", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("\"kind\":\"call\"", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("\"role\":\"tenant-admin\"", StringComparison.Ordinal));
    }

    private static async Task MakeCallAsync(RunningSilo silo)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        var record = new CallDetailRecord("call-" + Guid.NewGuid().ToString("N"), "acct-acme", "acme", "1001", "4930123456",
            CallDirection.Outbound, start, start.AddSeconds(3), start.AddSeconds(93), 200, CallDisposition.Answered,
            "caller-leg", "callee-leg", "edge-1", "carrier");
        var settled = await silo.GrainFactory.GetGrain<IAccountGrain>("acct-acme").SettleCall(record);
        Assert.True(settled.Cost > 0m, "the Berlin rate of the walk-through's plan should price the call");
    }

    private static string FindDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var doc = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(doc) && File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return doc;
            }
        }

        throw new FileNotFoundException("README.md (beside Cluster.sln) not found above " + AppContext.BaseDirectory);
    }
}
