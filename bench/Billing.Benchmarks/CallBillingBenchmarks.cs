using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Rating;
using Switchboard.TestKit.Cluster;

namespace Switchboard.Billing.Benchmarks;

/// <summary>
/// One call's billing through the grains of an in-process single-silo cluster: AuthorizeCall at INVITE, one
/// ExtendReservation, SettleCall with the CDR. In-memory stores, or PostgreSQL (grain state, CDR, ledger, balance).
/// Calls run one after another on one account, so this is latency per call; calls/s = 1 s / mean.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CallBillingBenchmarks
{
    private SwitchboardTestCluster? _cluster;
    private IAccountGrain _account = null!;
    private long _sequence;

    [Params(false, true)]
    public bool Postgres { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = await SwitchboardTestCluster.StartAsync(silos: 1, postgres: Postgres);
        var silo = _cluster.Cluster.Silos[0].ServiceProvider;
        await silo.GetRequiredService<RateDeckImporter>().ImportAsync("plan-bench", RatePlanKind.Retail, "bench",
            new StringReader(SyntheticDeck.Csv(100_000)));
        _account = _cluster.GrainFactory.GetGrain<IAccountGrain>("acct-bench");
        await _account.Open(new AccountSettings("bench", "plan-bench", 0m, new FraudLimits(0, 0, 0m, [], [])));
        await _account.Credit(new AccountCredit("bench-funds", 1_000_000m, "benchmark funds"));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Benchmark]
    public async Task<decimal> AuthorizeExtendSettle()
    {
        var callId = $"call-{Guid.NewGuid():N}-{Interlocked.Increment(ref _sequence)}";
        var start = DateTimeOffset.UtcNow;
        var auth = await _account.AuthorizeCall(new CallAuthorizationRequest(callId, "1001", "4930123456", CallDirection.Outbound, start));
        await _account.ExtendReservation(callId, auth.ReservedUntil - TimeSpan.FromSeconds(5));
        var settled = await _account.SettleCall(new CallDetailRecord(callId, "acct-bench", "bench", "1001", "4930123456",
            CallDirection.Outbound, start, start.AddSeconds(3), start.AddSeconds(95), 200, CallDisposition.Answered,
            callId + "-a", callId + "-b", "edge-bench", "trunk-1"));
        return settled.Cost;
    }
}
