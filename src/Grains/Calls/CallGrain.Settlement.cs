using Microsoft.Extensions.Logging;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Settlement: one CDR per call, sent until the account accepts it. The account is idempotent by call id, so a
/// retry after an unknown outcome cannot charge twice; the <see cref="CallRecord.Settled"/> flag stops retries.
/// </summary>
public sealed partial class CallGrain
{
    private async Task Settle()
    {
        if (Call.AccountId is null)
        {
            // Refused before anyone was found to pay (unknown tenant): there is no account to hold a CDR.
            LogNoAccount(logger, CallId, Call.FinalStatus);
            MarkSettled();
            return;
        }

        var record = BuildRecord();
        try
        {
            var result = await accounting.Settle(record);
            LogSettled(logger, CallId, record.Disposition.ToString(), record.DurationSeconds, result.Cost, result.AlreadySettled);
            MarkSettled();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            metrics.SettlementFailed(FailureReason(ex));
            Call.SettlementAttempts++;
            var delay = TimeSpan.FromTicks(Math.Min(
                _options.SettlementRetryMax.Ticks,
                _options.SettlementRetryMin.Ticks * (1L << Math.Min(Call.SettlementAttempts - 1, 20))));
            Call.NextSettlementAt = Now + delay;
            LogSettlementFailed(logger, CallId, Call.SettlementAttempts, delay, ex);
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

    private void MarkSettled()
    {
        Call.Settled = true;
        Call.SettledAt = Now;
        Call.NextSettlementAt = null;
        registry.Remove(CallId);
    }

    private CallDetailRecord BuildRecord()
    {
        var answeredAt = Call.ChargeAnswered ? Call.AnsweredAt : null;
        var endedAt = Call.EndAt ?? Now;
        var calleeLeg = Call.ConnectedLeg ?? Call.CalleeLegs.LastOrDefault()?.Dialog.LegCallId ?? string.Empty;
        return new CallDetailRecord(
            CallId,
            Call.AccountId!,
            Call.TenantId,
            Call.Origin?.CallerNumber ?? string.Empty,
            Call.Callee,
            Call.Direction,
            Call.StartedAt,
            answeredAt,
            answeredAt is { } a && endedAt < a ? a : endedAt,
            Call.FinalStatus,
            Call.Disposition ?? DispositionMap.FromFinalStatus(Call.FinalStatus),
            Call.CallerLeg?.LegCallId ?? string.Empty,
            calleeLeg,
            Call.CallerLeg?.EdgeId ?? string.Empty,
            Call.TrunkId)
        {
            CarrierPlanId = Call.Direction == CallDirection.Outbound && Call.TrunkId is { } trunk
                ? Call.CarrierPlans.GetValueOrDefault(trunk)
                : null,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} settled: {Disposition}, {Seconds} s, cost {Cost} (already settled {AlreadySettled})")]
    private static partial void LogSettled(ILogger logger, string callId, string disposition, int seconds, decimal cost, bool alreadySettled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: settlement attempt {Attempt} failed; retrying in {Delay}")]
    private static partial void LogSettlementFailed(ILogger logger, string callId, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} ended with {Status} before an account was known; no CDR")]
    private static partial void LogNoAccount(ILogger logger, string callId, int status);
}
