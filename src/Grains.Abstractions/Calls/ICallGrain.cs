namespace Switchboard.Grains.Calls;

/// <summary>
/// One call, keyed <c>call-&lt;guid:N&gt;</c> (<see cref="CallKeys.NewCallId"/>): the state machine, each leg's
/// dialog, the billing reservation and the CDR. The protocol the edge follows is in docs/call-control.md.
/// Every method is idempotent for the same report, so an edge may retry after a timeout.
/// </summary>
[Alias("Switchboard.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>Initial INVITE: classify, route, authorise with the paying account; returns the targets or a rejection.</summary>
    [Alias("Start")]
    Task<CallDecision> Start(CallStart start);

    /// <summary>The edge is about to send a callee leg's INVITE. False: don't send it, the call is over.</summary>
    [Alias("LegStarted")]
    Task<bool> LegStarted(LegStart leg);

    /// <summary>A provisional or final response arrived on a callee leg.</summary>
    [Alias("LegResponded")]
    Task<LegVerdict> LegResponded(LegResponse response);

    /// <summary>The caller's ACK for our 2xx arrived (RFC 3261 §13.3.1.4); the call is confirmed.</summary>
    [Alias("Acknowledged")]
    Task Acknowledged(string legCallId);

    /// <summary>BYE, CANCEL, ACK timeout or transport failure on a leg: the call ends.</summary>
    [Alias("HangupReceived")]
    Task<HangupVerdict> HangupReceived(LegHangup hangup);

    /// <summary>An edge has ended a leg (BYE answered or timed out, CANCEL done, reject sent): the confirmation.</summary>
    [Alias("LegEnded")]
    Task LegEnded(string legCallId, string edgeId);

    /// <summary>A re-INVITE/UPDATE/INFO/... on a leg: where to forward it.</summary>
    [Alias("InDialog")]
    Task<InDialogRoute> InDialog(InDialogRequest request);

    /// <summary>Operator hang-up (admin API). False when the call is unknown or already over.</summary>
    [Alias("HangUp")]
    Task<bool> HangUp(string reason);

    /// <summary>The call as it is now, or null for a key that never started a call.</summary>
    /// <summary>
    /// An edge holding legs of this call stopped refreshing (it died): end the call as of <paramref name="lastSeen"/>,
    /// sending the BYEs and CANCELs through <paramref name="survivor"/> (any live edge can, from the dialog state).
    /// One-way: sent by each silo's lease renewer pass.
    /// </summary>
    [Alias("EdgeLost"), Orleans.Concurrency.OneWay]
    Task EdgeLost(string edgeId, DateTimeOffset lastSeen, string? survivor);

    [Alias("GetSnapshot")]
    Task<CallSnapshot?> GetSnapshot();
}
