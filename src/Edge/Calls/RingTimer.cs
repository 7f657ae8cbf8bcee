using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Signalling;

namespace Switchboard.Edge.Calls;

/// <summary>Ends an unanswered call after <c>Sip:RingTimeoutSeconds</c>: 480 to the caller, CANCEL every branch.</summary>
public sealed class RingTimer(SipResponder responder, LegSignaller signaller, IOptions<SipOptions> sipOptions, TimeProvider timeProvider)
{
    private readonly TimeSpan _ringTimeout = TimeSpan.FromSeconds(sipOptions.Value.RingTimeoutSeconds);

    /// <summary>Starts the ring clock; the session stops it when it is answered or ends.</summary>
    public void Start(CallSession session) =>
        session.Ring(timeProvider.CreateTimer(static state => _ = ((Expiry)state!).FireAsync(), new Expiry(this, session), _ringTimeout, Timeout.InfiniteTimeSpan));

    private async Task RingTimeoutAsync(CallSession session)
    {
        if (session.IsAnswered || session.IsEnded || session.Caller.IsCompleted)
        {
            return;
        }

        session.RingTimedOut = true;
        await responder.RespondAsync(session.Caller, 480, "No Answer");
        foreach (var leg in session.Legs.Values)
        {
            await signaller.CancelLegAsync(leg);
        }
    }

    private sealed record Expiry(RingTimer Timer, CallSession Session)
    {
        public Task FireAsync() => Timer.RingTimeoutAsync(Session);
    }
}
