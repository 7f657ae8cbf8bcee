using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Accounts;

/// <summary>
/// Wakes accounts that hold journalled leases nobody renews. A live account bills its lost calls by itself; this is
/// for the case where the account was lost too (same silo as the calls), and nothing else would activate it again.
/// Every silo sweeps; waking an account twice is harmless.
/// </summary>
public sealed partial class LeaseSweeper(
    ICallLeaseStore leases,
    IGrainFactory grains,
    IOptions<BillingOptions> options,
    TimeProvider time,
    ILogger<LeaseSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseTime, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Silo shutting down.
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stale = await leases.AccountsWithLeasesRenewedBeforeAsync(time.GetUtcNow() - options.Value.LeaseTime, cancellationToken);
            await Task.WhenAll(stale.Select(account => grains.Grain<IAccountGrain>(account).RecoverLeases()));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // The next sweep tries again; until then the credit of lost calls stays reserved, never freed unbilled.
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
