using Microsoft.Extensions.Logging;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The account's side of the machine's billing commands: credit slices and settlement. Settlement sends one CDR
/// until the account accepts it; the account is idempotent by call id, so a retry after an unknown outcome cannot
/// charge twice, and the machine's <see cref="CallRecord.Settled"/> flag stops retries.
/// </summary>
public sealed partial class CallGrain
{
    private async Task ExtendCredit(CallCommand command)
    {
        var call = Machine.Call;
        try
        {
            if (command.Kind == CallCommandKind.ReattachAndExtendCredit)
            {
                await accounting.Renew(call.AccountId!, [call.ToLease()]);
            }

            var extension = await accounting.Extend(call.AccountId!, CallId, command.AnsweredFor);
            Machine.CreditExtended(extension, command.At);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogExtensionFailed(logger, CallId, ex);
            Machine.CreditExtensionFailed(command.At);
        }
    }

    private async Task Settle()
    {
        var record = Machine.Call.ToDetailRecord(Now);
        try
        {
            var result = await accounting.Settle(record);
            LogSettled(logger, CallId, record.Disposition.ToString(), record.DurationSeconds, result.Cost, result.AlreadySettled);
            Machine.SettlementAccepted(Now);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            metrics.SettlementFailed(FailureReason(ex));
            var delay = Machine.SettlementFailed(Now);
            LogSettlementFailed(logger, CallId, Machine.Call.SettlementAttempts, delay, ex);
        }
    }

    /// <summary>
    /// The failure as a bounded label: counted here, where every failed attempt is retried, and only here. A
    /// database failure is also counted by store in <c>switchboard.db.errors</c> where it happens (the account grain).
    /// </summary>
    private static string FailureReason(Exception ex) => ex switch
    {
        TimeoutException => "timeout",
        SiloUnavailableException or OrleansMessageRejectionException => "unavailable",
        System.Data.Common.DbException => "database",
        _ => "error",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: reservation not extended")]
    private static partial void LogExtensionFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} settled: {Disposition}, {Seconds} s, cost {Cost} (already settled {AlreadySettled})")]
    private static partial void LogSettled(ILogger logger, string callId, string disposition, int seconds, decimal cost, bool alreadySettled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: settlement attempt {Attempt} failed; retrying in {Delay}")]
    private static partial void LogSettlementFailed(ILogger logger, string callId, int attempt, TimeSpan delay, Exception exception);
}
