using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Edge.Hosting;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;
using Switchboard.TestKit.Hosting;
using Xunit.Abstractions;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// A silo crash costs the calls it held and a few seconds, not the service (issue 10, item 4; docs/architecture.md,
/// "Failure costs"). The first silo runs alone while the tenant is provisioned and a call is made, so every grain a
/// call needs (tenant, extensions, account, directory entries, trunk-source index, active-call list) lives on it.
/// Then the others join, that silo gets SIGKILL, and a phone keeps dialling through the standalone edge.
/// </summary>
public sealed class SiloLossTests(ITestOutputHelper output)
{
    /// <summary>The issue's bound: new calls succeed again within 10 s of the kill.</summary>
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);

    /// <summary>A new call every half second for 20 s after the kill; each call bounded by sipp's own timeout.</summary>
    private static readonly TimeSpan AttemptEvery = TimeSpan.FromMilliseconds(500);

    private const int Attempts = 40;

    /// <summary>How long the background load runs; it starts <see cref="LoadLead"/> before the kill.</summary>
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LoadLead = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(2, 20)]
    public async Task KillNine_SiloHoldingEveryCallPathGrain_NewCallsSucceedWithin10Seconds(int silos, int backgroundCallsPerSecond)
    {
        var loadCalls = backgroundCallsPerSecond * (int)LoadDuration.TotalSeconds;
        await using var cluster = await ProcessCluster.StartAsync();
        await SeedAsync(cluster.Grains);
        var calleePort = FreePorts.Next();
        await BindAsync(cluster.Grains, "1002", calleePort);
        await using var callee = SippRunner.Start(new SippRun("uas_answer.xml")
        {
            LocalPort = calleePort,
            Calls = Attempts + 1 + loadCalls,
            Timeout = TimeSpan.FromSeconds(180),
        });
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        (await SippRunner.RunAsync(Call(cluster))).AssertSucceeded();

        var victim = cluster.Silos[0];
        for (var i = 1; i < silos; i++)
        {
            await cluster.AddSiloAsync();
        }

        // Let the edge's gateway list pick up the new silos, as it would in a cluster that has been up a while.
        await Task.Delay(EdgeClientConfigurator.GatewayListRefreshPeriod + TimeSpan.FromSeconds(1));

        // Other phones calling at a steady rate, so the kill also hits calls in progress on the dead silo's grains.
        await using var load = backgroundCallsPerSecond == 0 ? null : SippRunner.Start(Call(cluster) with
        {
            Calls = loadCalls,
            Rate = backgroundCallsPerSecond,
            ConcurrentLimit = 200,
            Timeout = LoadDuration + TimeSpan.FromSeconds(20),
        });
        if (load is not null)
        {
            await Task.Delay(LoadLead);
        }

        var killedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await victim.Process.KillAsync();
        var declaredDead = cluster.WaitUntilDeclaredDeadAsync(victim, clock, TimeSpan.FromSeconds(60));
        var attempts = new List<(TimeSpan Started, Task<(SippResult Result, TimeSpan Took)> Run)>();
        for (var i = 0; i < Attempts; i++)
        {
            attempts.Add((clock.Elapsed, TimedAsync(Call(cluster) with { Timeout = TimeSpan.FromSeconds(8) })));
            await Task.Delay(AttemptEvery);
        }

        var results = new List<(TimeSpan Started, SippResult Result, TimeSpan Took)>();
        foreach (var (started, run) in attempts)
        {
            var (result, took) = await run;
            results.Add((started, result, took));
        }

        var dead = await declaredDead;
        Report(silos, dead, results);
        if (load is not null)
        {
            ReportLoad(backgroundCallsPerSecond, await load.WaitAsync());
        }

        ReportMembershipLog(cluster, victim);
        output.WriteLine($"edge after the kill ({killedAt:HH:mm:ss.fff}):");
        foreach (var line in cluster.EdgeLog.Since(killedAt, limit: 40))
        {
            output.WriteLine("  " + line);
        }
        var recoveredAt = RecoveredAt(results);
        Assert.True(recoveredAt is not null, "calls never recovered after the kill");
        Assert.True(recoveredAt <= RecoveryLimit, $"calls recovered {recoveredAt?.TotalSeconds:F1} s after the kill (limit {RecoveryLimit.TotalSeconds} s)");
        Assert.True(dead is not null, "the killed silo was never declared dead");

        // The edge's REGISTER path (domain, digest, extension grain) works on the survivors too.
        var register = await SippRunner.RunAsync(new SippRun("register.xml")
        {
            Remote = cluster.EdgeAddress,
            AuthUser = "1003",
            AuthPassword = Provisioning.Password("1003"),
            Keys = new Dictionary<string, string> { ["caller"] = "1003", ["domain"] = Provisioning.Domain },
            Timeout = TimeSpan.FromSeconds(15),
        });
        register.AssertSucceeded();
    }

    /// <summary>Exit code of sipp when it cannot bind one of its sockets (sipp(1), "Exit codes"): nothing was sent.</summary>
    private const int SippCouldNotBind = 254;

    /// <summary>
    /// One call and how long sipp took for it: INVITE to the final 200 of the BYE, including a 0.5 s pause. A sipp
    /// that could not bind its ports (another process took one after <see cref="FreePorts"/> chose it) placed no
    /// call; it is started again with new ports, at most twice.
    /// </summary>
    private static async Task<(SippResult Result, TimeSpan Took)> TimedAsync(SippRun run)
    {
        var clock = Stopwatch.StartNew();
        var result = await SippRunner.RunAsync(run);
        for (var retry = 0; retry < 2 && result.ExitCode == SippCouldNotBind; retry++)
        {
            clock.Restart();
            result = await SippRunner.RunAsync(run);
        }

        return (result, clock.Elapsed);
    }

    /// <summary>The start of the first call from which every later call succeeded, measured from the kill.</summary>
    private static TimeSpan? RecoveredAt(List<(TimeSpan Started, SippResult Result, TimeSpan Took)> results)
    {
        TimeSpan? recovered = null;
        foreach (var (started, result, _) in results)
        {
            if (!result.Succeeded)
            {
                recovered = null;
            }
            else
            {
                recovered ??= started;
            }
        }

        return recovered;
    }

    private void Report(int silos, TimeSpan? dead, List<(TimeSpan Started, SippResult Result, TimeSpan Took)> results)
    {
        output.WriteLine($"{silos} silos; killed silo declared Dead after {(dead is { } d ? d.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "never")}");
        output.WriteLine($"recovered at {RecoveredAt(results)?.TotalSeconds:F1} s; failed {results.Count(r => !r.Result.Succeeded)} of {results.Count}");
        foreach (var (started, result, took) in results)
        {
            var detail = result.Succeeded ? "ok" : FirstLine(result.Errors) ?? $"exit {result.ExitCode}";
            output.WriteLine($"  +{started.TotalSeconds,5:F1} s  took {took.TotalSeconds,4:F1} s  {detail}");
        }
    }

    /// <summary>sipp's final counters of the background calls (its end-of-run screen).</summary>
    private void ReportLoad(int perSecond, SippResult result)
    {
        var successful = Regex.Match(result.Output, @"Successful call\s*\|\s*\d+\s*\|\s*(\d+)");
        var failed = Regex.Match(result.Output, @"Failed call\s*\|\s*\d+\s*\|\s*(\d+)");
        output.WriteLine(successful.Success && failed.Success
            ? $"background load {perSecond} calls/s: {successful.Groups[1].Value} succeeded, {failed.Groups[1].Value} failed"
            : $"background load {perSecond} calls/s: exit {result.ExitCode}, counters not found in sipp's output");
    }

    /// <summary>What the survivors logged about the killed silo: failed probes, votes, the eviction.</summary>
    private void ReportMembershipLog(ProcessCluster cluster, SiloNode victim)
    {
        foreach (var silo in cluster.Silos.Where(s => s != victim))
        {
            var lines = silo.Process.Output.Split('\n')
                .Where(l => l.Contains("Evicting", StringComparison.Ordinal)
                    || l.Contains("Voting to evict", StringComparison.Ordinal)
                    || l.Contains("Suppressing vote", StringComparison.Ordinal)
                    || l.Contains("Did not get response", StringComparison.Ordinal))
                .Take(20);
            output.WriteLine($"silo on port {silo.SiloPort}:");
            foreach (var line in lines)
            {
                output.WriteLine("  " + line.Trim());
            }
        }
    }

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => l.Contains("SIP/2.0", StringComparison.Ordinal) || l.Contains("rror", StringComparison.Ordinal));

    private static SippRun Call(ProcessCluster cluster) => new("uac_call.xml")
    {
        Remote = cluster.EdgeAddress,
        Service = "1002",
        AuthUser = "1001",
        AuthPassword = Provisioning.Password("1001"),
        Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
        Timeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>The end-to-end tenant without a rate deck: extension-to-extension calls are on-net and not rated.</summary>
    private static async Task SeedAsync(IGrainFactory grains)
    {
        var limits = new FraudLimits(10_000, 1_000_000, 1_000_000m, [], []) { ApplyDefaultDenyList = false };
        await grains.GetGrain<IAccountGrain>(Provisioning.AccountId).Open(new AccountSettings(Provisioning.TenantId, Provisioning.PlanId, 0m, limits));
        await grains.GetGrain<IAccountGrain>(Provisioning.AccountId).Credit(new AccountCredit("kill-seed", 100m, "silo loss test credit"));
        var policies = new TenantPolicies(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), true);
        (await grains.GetGrain<ITenantGrain>(Provisioning.TenantId)
            .Configure(new TenantSettings("Silo loss", Provisioning.Domain, TenantStatus.Active, Provisioning.AccountId, policies))).OrThrow();
        foreach (var extension in Provisioning.Extensions)
        {
            await grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(Provisioning.TenantId, extension))
                .Provision(new ExtensionSettings($"Ext {extension}", true, null), Provisioning.Password(extension));
        }
    }

    /// <summary>One binding of <paramref name="extension"/> at 127.0.0.1:<paramref name="port"/>, as a REGISTER through an edge leaves it.</summary>
    private static async Task BindAsync(IGrainFactory grains, string extension, int port)
    {
        var grain = grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(Provisioning.TenantId, extension));
        var contact = new ContactRequest($"sip:{extension}@127.0.0.1:{port}", 300, null, null, null);
        var source = new TransportAddress(SipTransport.Udp, "127.0.0.1", port);
        var result = await grain.Register(new RegisterRequest($"kill-{Guid.NewGuid():N}", 1, [contact], false, 300, [], source, "edge-kill", "tests"));
        Assert.Equal(200, result.Status);
    }
}
