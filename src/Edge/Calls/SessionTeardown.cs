using Microsoft.Extensions.Logging;
using Switchboard.Edge.Media;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Calls;

/// <summary>Opens and closes this edge's record of a call: the call table, its media relay, the call counters.</summary>
public sealed class SessionTeardown(CallTable calls, MediaRelayTable relays, EdgeMetrics metrics, LogRedaction redaction, ILogger<SessionTeardown> logger)
{
    /// <summary>Puts a new call in this edge's table; false when the caller's Call-ID is already a call of this edge.</summary>
    public bool TryOpen(CallSession session)
    {
        if (!calls.TryAdd(session))
        {
            return false;
        }

        metrics.CallStarted();
        return true;
    }

    public async Task EndSessionAsync(CallSession session, string reason)
    {
        if (!session.TryEnd())
        {
            return;
        }

        session.Answer?.Dispose();

        // The transactions stay up to 64·T1 to absorb retransmissions; what they point back to (this session, its
        // legs, the caller's INVITE) goes now. A leg whose INVITE still waits for its final keeps its handler, which
        // ACKs and ends a 2xx that crosses our CANCEL (§13.2.2.4). An answered leg's INVITE ends here: a 2xx the
        // callee retransmits after this (our ACK lost) finds no call and is not ACKed again; it has our BYE.
        session.Caller.Transaction.ReleaseOwner();
        foreach (var leg in session.Legs.Values)
        {
            leg.Invite?.ReleaseResponseHandler();
        }

        calls.Remove(session);
        await relays.CloseAsync(session.CallId);
        metrics.CallEnded();
        EdgeLog.CallEnded(logger, session.CallId, reason, redaction.Show(session.CallerDialog.LegCallId));
    }
}
