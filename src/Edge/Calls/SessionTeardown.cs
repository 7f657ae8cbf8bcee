using Microsoft.Extensions.Logging;
using Switchboard.Edge.Media;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Calls;

/// <summary>Opens and closes this edge's record of a call: the call table, its media relay, the call counters.</summary>
public sealed class SessionTeardown(CallTable calls, MediaRelayTable relays, EdgeMetrics metrics, LogRedaction redaction, ILogger<SessionTeardown> logger)
{
    public void Open(CallSession session)
    {
        calls.Add(session);
        metrics.CallStarted();
    }

    public async Task EndSessionAsync(CallSession session, string reason)
    {
        if (!session.TryEnd())
        {
            return;
        }

        session.Answer?.Dispose();

        calls.Remove(session);
        await relays.CloseAsync(session.CallId);
        metrics.CallEnded();
        EdgeLog.CallEnded(logger, session.CallId, reason, redaction.Show(session.CallerDialog.LegCallId));
    }
}
