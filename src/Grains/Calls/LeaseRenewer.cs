using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Every <see cref="BillingOptions.LeaseRenewPeriod"/>: one lease renewal per account and one active-calls refresh
/// per tenant for all the calls this silo runs. When this silo dies the renewals stop, and each account bills its
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
            await grains.GetGrain<IActiveCallsGrain>(tenant.Key).ReportMany([.. tenant.Select(c => c.Line with { SeenAt = now })]);
        }

        await Task.WhenAll(renewals);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease renewal of {Count} calls on account {AccountId} failed")]
    private static partial void LogRenewFailed(ILogger logger, string accountId, int count, Exception exception);
}
