using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Every <see cref="BillingOptions.LeaseRenewPeriod"/>: one lease renewal per account, one active-calls refresh
/// per tenant and one liveness read per edge for all the calls this silo runs. When this silo dies the renewals stop, and each account bills its
/// lost calls once their leases run out (docs/architecture.md, failure costs).
/// </summary>
public sealed partial class LeaseRenewer(
    LiveCallRegistry registry,
    ICallAccounting accounting,
    IGrainFactory grains,
    IOptions<BillingOptions> options,
    TimeProvider time,
    ILogger<LeaseRenewer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseRenewPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Silo shutting down.
        }
    }

    /// <summary>One pass over the registry; public so tests can drive it without waiting for the period.</summary>
    public async Task RenewAsync()
    {
        var calls = registry.Snapshot();
        if (calls.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var renewals = calls.GroupBy(c => c.AccountId, StringComparer.Ordinal)
            .Select(g => RenewAccountAsync(g.Key, [.. g.Select(c => c.Lease)]));
        foreach (var tenant in calls.GroupBy(c => c.Line.TenantId, StringComparer.Ordinal))
        {
            await grains.Grain<IActiveCallsGrain>(tenant.Key).ReportMany([.. tenant.Select(c => c.Line with { SeenAt = now })]);
        }

        await Task.WhenAll(renewals);
        await EndCallsOfLostEdgesAsync(calls);
    }

    /// <summary>
    /// One status read per edge that holds a leg of a call here. Calls on an edge that stopped refreshing are ended
    /// as of its last refresh, through a live edge: nobody is on them any more, so nobody must pay for them.
    /// </summary>
    private async Task EndCallsOfLostEdgesAsync(IReadOnlyCollection<LiveCall> calls)
    {
        var edges = calls.SelectMany(c => c.Edges).Distinct(StringComparer.Ordinal).ToList();
        var statuses = await Task.WhenAll(edges.Select(StatusAsync));
        var lost = statuses.Where(s => s.Status is { Alive: false }).ToDictionary(s => s.Edge, s => s.Status!.LastSeen, StringComparer.Ordinal);
        if (lost.Count == 0)
        {
            return;
        }

        var survivor = statuses.FirstOrDefault(s => s.Status is { Alive: true }).Edge ?? await AnyLiveEdgeAsync(lost);
        foreach (var call in calls)
        {
            if (call.Edges.FirstOrDefault(lost.ContainsKey) is { } edge)
            {
                await grains.Grain<ICallGrain>(call.Lease.CallId).EdgeLost(edge, lost[edge], survivor);
            }
        }
    }

    /// <summary>No call here runs through a live edge: any live edge of the cluster can send the BYEs.</summary>
    private async Task<string?> AnyLiveEdgeAsync(Dictionary<string, DateTimeOffset> lost)
    {
        try
        {
            var live = await grains.Grain<IEdgeRosterGrain>(0).LiveEdges();
            return live.FirstOrDefault(e => !lost.ContainsKey(e));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The calls still end: each call grain ends its legs on its own once no edge confirms.
            LogRosterFailed(logger, ex);
            return null;
        }
    }

    private async Task<(string Edge, EdgeStatus? Status)> StatusAsync(string edge)
    {
        try
        {
            return (edge, await grains.Grain<IEdgeRegistryGrain>(edge).GetStatus());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Unknown is not dead: only an edge its registry has seen go silent ends calls.
            LogStatusFailed(logger, edge, ex);
            return (edge, null);
        }
    }

    private async Task RenewAccountAsync(string accountId, IReadOnlyList<Accounts.CallLease> leases)
    {
        try
        {
            await accounting.Renew(accountId, leases);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The next period tries again; a lease survives several missed renewals.
            LogRenewFailed(logger, accountId, leases.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status of edge {Edge} unknown")]
    private static partial void LogStatusFailed(ILogger logger, string edge, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No live edge found to end the calls of a lost edge")]
    private static partial void LogRosterFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease renewal of {Count} calls on account {AccountId} failed")]
    private static partial void LogRenewFailed(ILogger logger, string accountId, int count, Exception exception);
}
