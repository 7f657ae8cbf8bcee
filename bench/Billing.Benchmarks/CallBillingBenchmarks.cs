using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Rating;

namespace Switchboard.Billing.Benchmarks;

/// <summary>
/// One call's billing through the grains of an in-process single-silo cluster: AuthorizeCall at INVITE, one
/// ExtendReservation, SettleCall with the CDR. In-memory stores, or PostgreSQL (grain state, CDR, ledger, balance).
/// <see cref="AuthorizeExtendSettle"/> runs calls one after another on one account: latency per call.
/// <see cref="ParallelCalls"/> runs 64 at once over 16 accounts: mean per call there is 1 / throughput.
/// The PostgreSQL cases run when <see cref="BenchCluster.PostgresVariable"/> names a server.
/// </summary>
[MemoryDiagnoser]
[InProcess]
// Fixed counts: a cluster round trip is noisy enough that the default "until stable" job can run past the in-process
// toolchain's time limit on a shared 2-core machine.
[WarmupCount(5)]
[IterationCount(20)]
public class CallBillingBenchmarks
{
    private BenchCluster? _cluster;
    private const int Parallel = 64;
    private IAccountGrain _account = null!;
    private IAccountGrain[] _accounts = [];
    private long _sequence;

    [ParamsSource(nameof(Stores))]
    public bool Postgres { get; set; }

    public static IEnumerable<bool> Stores => BenchCluster.PostgresAdminConnectionString is null ? [false] : [false, true];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = await BenchCluster.StartAsync(Postgres);
        await _cluster.SiloServices.GetRequiredService<RateDeckImporter>().ImportAsync("plan-bench", RatePlanKind.Retail, "bench",
            new StringReader(SyntheticDeck.Csv(100_000)));
        _account = _cluster.GrainFactory.GetGrain<IAccountGrain>("acct-bench");
        await _account.Open(new AccountSettings("bench", "plan-bench", 0m, new FraudLimits(0, 0, 0m, [], [])));
        await _account.Credit(new AccountCredit("bench-funds", 1_000_000m, "benchmark funds"));
        _accounts = [.. Enumerable.Range(0, 16).Select(i => _cluster.GrainFactory.GetGrain<IAccountGrain>($"acct-bench-{i}"))];
        foreach (var account in _accounts)
        {
            await account.Open(new AccountSettings("bench", "plan-bench", 0m, new FraudLimits(0, 0, 0m, [], [])));
            await account.Credit(new AccountCredit("bench-funds", 1_000_000m, "benchmark funds"));
        }
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
    public Task<decimal> AuthorizeExtendSettle() => CallAsync(_account);

    [Benchmark(OperationsPerInvoke = Parallel)]
    public async Task<decimal> ParallelCalls()
    {
        var costs = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i => CallAsync(_accounts[i % _accounts.Length])));
        return costs.Sum();
    }

    private async Task<decimal> CallAsync(IAccountGrain account)
    {
        var callId = $"call-{Guid.NewGuid():N}-{Interlocked.Increment(ref _sequence)}";
        var start = DateTimeOffset.UtcNow;
        var auth = await account.AuthorizeCall(new CallAuthorizationRequest(callId, "1001", "4930123456", CallDirection.Outbound, start));
        await account.ExtendReservation(callId, auth.ReservedUntil - TimeSpan.FromSeconds(5));
        var settled = await account.SettleCall(new CallDetailRecord(callId, account.GetPrimaryKeyString(), "bench", "1001", "4930123456",
            CallDirection.Outbound, start, start.AddSeconds(3), start.AddSeconds(95), 200, CallDisposition.Answered,
            callId + "-a", callId + "-b", "edge-bench", "trunk-1"));
        return settled.Cost;
    }
}
