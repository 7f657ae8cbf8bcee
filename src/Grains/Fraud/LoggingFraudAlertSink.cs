using Microsoft.Extensions.Logging;

namespace Switchboard.Grains.Fraud;

/// <summary>Writes alerts to the log (warning; error when an account was locked). Registered by default.</summary>
public sealed partial class LoggingFraudAlertSink(ILogger<LoggingFraudAlertSink> logger) : IFraudAlertSink
{
    public Task NotifyAsync(FraudAlert alert, CancellationToken cancellationToken)
    {
        if (alert.LockedAccount)
        {
            LogLocked(logger, alert.AccountId, alert.TenantId, alert.Reason);
        }
        else
        {
            LogBreach(logger, alert.AccountId, alert.TenantId, alert.Rule, alert.Reason);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fraud breach on account {AccountId} (tenant {TenantId}): {Rule}, {Reason}")]
    private static partial void LogBreach(ILogger logger, string accountId, string tenantId, FraudRule rule, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} (tenant {TenantId}) locked for fraud: {Reason}")]
    private static partial void LogLocked(ILogger logger, string accountId, string tenantId, string reason);
}
