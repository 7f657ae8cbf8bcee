using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Calls;

/// <summary>
/// One call: state machine, legs, billing and CDR; see <see cref="ICallGrain"/> and docs/call-control.md.
/// Split by aspect: routing (Start), legs (responses, ACK, in-dialog), ending (BYE/CANCEL, commands to edges),
/// deadlines (ring, ACK, billing slices, confirmation) and settlement.
/// </summary>
public sealed partial class CallGrain(
    ICallAccounting accounting,
    LiveCallRegistry registry,
    IOptions<CallControlOptions> options,
    TimeProvider time,
    SwitchboardMetrics metrics,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private readonly CallControlOptions _options = options.Value;
    private IGrainTimer? _deadline;

    /// <summary>Memory only: what outlives this silo is the lease the account holds (see <see cref="LiveCallRegistry"/>).</summary>
    private CallRecord Call { get; } = new();

    private string CallId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private bool IsPreAnswer => Call.State is CallState.Routing or CallState.Ringing or CallState.EarlyMedia;

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

    private async Task ReportActive()
    {
        if (Call.State is CallState.Initiating or CallState.Ended || Call.TenantId.Length == 0)
        {
            return;
        }

        await GrainFactory.GetGrain<IActiveCallsGrain>(Call.TenantId).Report(Line());
    }

    /// <summary>Publishes the call's lease and list line to this silo's renewer; only calls holding a reservation.</summary>
    private void PublishLease()
    {
        if (Call.AccountId is not { } account || !Call.Reserved || Call.Settled)
        {
            return;
        }

        registry.Set(new LiveCall(account, Lease(), Line(), Edges()));
    }

    private CallLease Lease() => new(
        BuildRecord() with { EndedAt = Call.AnsweredAt ?? Call.StartedAt },
        Call.Rate,
        (int)Call.ReservedUntil.TotalSeconds,
        Call.ReservedAmount,
        Call.StartedAt);

    private List<string> Edges()
    {
        var edges = new List<string>(2);
        if (Call.CallerLeg is { } caller)
        {
            edges.Add(caller.EdgeId);
        }

        foreach (var leg in Call.CalleeLegs)
        {
            if (!edges.Contains(leg.Dialog.EdgeId))
            {
                edges.Add(leg.Dialog.EdgeId);
            }
        }

        return edges;
    }

    private ActiveCall Line() => new(
        CallId, Call.TenantId, Call.State, Call.Direction, Call.Origin?.CallerNumber ?? string.Empty, Call.Callee,
        Call.StartedAt, Call.AnsweredAt, Now);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: leg index entries not released")]
    private static partial void LogIndexReleaseFailed(ILogger logger, string callId, Exception exception);
}
