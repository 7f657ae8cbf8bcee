using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Hosting;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Calls;

/// <summary>
/// One call: state machine, legs, billing and CDR; see <see cref="ICallGrain"/> and docs/call-control.md.
/// Split by aspect: routing (Start), legs (responses, ACK, in-dialog), ending (BYE/CANCEL, commands to edges),
/// deadlines (ring, ACK, billing slices, confirmation) and settlement.
/// </summary>
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Grains)] IPersistentState<CallRecord> state,
    ICallAccounting accounting,
    IOptions<CallControlOptions> options,
    TimeProvider time,
    SwitchboardMetrics metrics,
    ILogger<CallGrain> logger) : Grain, ICallGrain, IRemindable
{
    private const string GuardReminder = "call-guard";

    /// <summary>The reminder period: the Orleans minimum, and how often an active-calls line is refreshed.</summary>
    private static readonly TimeSpan GuardPeriod = TimeSpan.FromMinutes(1);

    private readonly CallControlOptions _options = options.Value;
    private IGrainTimer? _deadline;

    private CallRecord Call => state.State;

    private string CallId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private bool IsPreAnswer => Call.State is CallState.Routing or CallState.Ringing or CallState.EarlyMedia;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists && !Call.Settled)
        {
            // Re-activated after a silo loss or idle collection: deadlines are absolute, so they resume as they were.
            ArmDeadline();
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Call.Decision is null || Call.Settled)
        {
            await UnregisterGuard();
            return;
        }

        await RunDue();
        await ReportActive();
        ArmDeadline();
    }

    public Task<CallSnapshot?> GetSnapshot()
    {
        if (Call.Decision is null)
        {
            return Task.FromResult<CallSnapshot?>(null);
        }

        var legs = new List<LegDialog>();
        if (Call.CallerLeg is { } caller)
        {
            legs.Add(caller);
        }

        legs.AddRange(Call.CalleeLegs.Select(l => l.Dialog));
        return Task.FromResult<CallSnapshot?>(new CallSnapshot(
            CallId, Call.TenantId, Call.State, Call.Direction, Call.Origin?.CallerNumber ?? string.Empty, Call.Callee,
            Call.AccountId, Call.StartedAt, Call.AnsweredAt, Call.State >= CallState.Ending ? Call.EndAt : null,
            Call.FinalStatus, Call.Disposition, Call.Settled, legs, Call.EndReason));
    }

    private Task Save() => state.WriteStateAsync();

    private async Task ReportActive()
    {
        if (Call.State is CallState.Initiating or CallState.Ended || Call.TenantId.Length == 0)
        {
            return;
        }

        await GrainFactory.GetGrain<IActiveCallsGrain>(Call.TenantId).Report(new ActiveCall(
            CallId, Call.TenantId, Call.State, Call.Direction, Call.Origin?.CallerNumber ?? string.Empty, Call.Callee,
            Call.StartedAt, Call.AnsweredAt, Now));
    }

    private async Task RegisterGuard()
    {
        try
        {
            await this.RegisterOrUpdateReminder(GuardReminder, GuardPeriod, GuardPeriod);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Timers still run the call; only recovery after a silo loss depends on the reminder.
            LogGuardFailed(logger, CallId, ex);
        }
    }

    private async Task UnregisterGuard()
    {
        try
        {
            if (await this.GetReminder(GuardReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A leftover reminder only re-activates a settled call, which then removes it again.
            LogGuardFailed(logger, CallId, ex);
        }
    }

    private async Task<bool> Index(string legCallId) =>
        await GrainFactory.GetGrain<ILegIndexGrain>(CallKeys.LegIndex(legCallId)).Assign(CallId);

    private async Task ReleaseIndexes()
    {
        var legs = Call.CalleeLegs.Select(l => l.Dialog.LegCallId).ToList();
        if (Call.CallerLeg is { } caller)
        {
            legs.Add(caller.LegCallId);
        }

        try
        {
            await Task.WhenAll(legs.Select(id => GrainFactory.GetGrain<ILegIndexGrain>(CallKeys.LegIndex(id)).Release(CallId)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A stale index entry leads an edge to an ended call, which answers 481: harmless.
            LogIndexReleaseFailed(logger, CallId, ex);
        }
    }

    private CalleeLeg? FindCallee(string legCallId) =>
        Call.CalleeLegs.FirstOrDefault(l => l.Dialog.LegCallId == legCallId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: guard reminder not changed")]
    private static partial void LogGuardFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: leg index entries not released")]
    private static partial void LogIndexReleaseFailed(ILogger logger, string callId, Exception exception);
}
