using Microsoft.Extensions.Logging;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Storage;

namespace Switchboard.Grains.Accounts;

internal sealed partial class AccountGrain
{
    /// <summary>
    /// Refuses with 403 and the rule's reason, stores an alert and hands it to the sinks. Enough breaches inside the
    /// account's window lock the account (status in the store, so every silo and the admin API see it) and raise
    /// one more alert marked <see cref="FraudAlert.LockedAccount"/>.
    /// </summary>
    private async Task<CallAuthorization> RefuseForFraudAsync(
        AccountRecord account, FraudVerdict verdict, CallAuthorizationRequest request, DateTimeOffset now)
    {
        metrics.FraudRefused(verdict.Rule);
        LogFraudRefusal(logger, request.CallId, AccountId, verdict.Rule);
        await RaiseAsync(new FraudAlert(Guid.NewGuid(), AccountId, account.TenantId, verdict.Rule, verdict.Reason,
            request.CallId, request.Destination, now, LockedAccount: false));

        var limits = account.FraudLimits;
        var breaches = new CallRateWindow(TimeSpan.FromSeconds(Math.Max(1, limits.BreachWindowSeconds)), _breaches);
        breaches.Add(now, Math.Max(1, limits.BreachesBeforeLock));
        var count = breaches.Count(now);
        if (limits.BreachesBeforeLock > 0 && count >= limits.BreachesBeforeLock)
        {
            var reason = $"Locked after {count} fraud breaches within {limits.BreachWindowSeconds / 60.0:0.#} min (last: {verdict.Reason})";
            _account = await accounts.SetStatusAsync(AccountId, AccountStatus.Locked, reason) ?? _account;
            breaches.Clear();
            metrics.FraudRefused(FraudRule.AccountLocked);
            await RaiseAsync(new FraudAlert(Guid.NewGuid(), AccountId, account.TenantId, FraudRule.AccountLocked, reason,
                request.CallId, request.Destination, now, LockedAccount: true));
        }
        return CallAuthorization.Refuse(403, verdict.Reason) with { FraudRule = verdict.Rule };
    }

    private async Task RaiseAsync(FraudAlert alert)
    {
        await alerts.AddAsync(alert);
        foreach (var sink in sinks)
        {
            try
            {
                await sink.NotifyAsync(alert, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The alert is stored; a broken sink must not turn a refusal into a failed INVITE.
                LogSinkFailed(logger, sink.GetType().Name, alert.AlertId, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fraud alert sink {Sink} failed for alert {AlertId}")]
    private static partial void LogSinkFailed(ILogger logger, string sink, Guid alertId, Exception exception);
}
