using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Signalling;

namespace Switchboard.Edge.Calls;

/// <summary>
/// Ends an unanswered call after <c>Sip:RingTimeoutSeconds</c>: 480 to the caller, CANCEL every branch. An emergency
/// call is not cut before 15 s after its own ring timeout (it rings for minutes). Started again whenever the grain sends
/// the call on (failover, forwarding), so a forwarded call gets its full time at the target.
/// </summary>
public sealed class RingTimer(SipResponder responder, LegSignaller signaller, IOptions<SipOptions> sipOptions, TimeProvider timeProvider)
{
    private readonly TimeSpan _ringTimeout = TimeSpan.FromSeconds(sipOptions.Value.RingTimeoutSeconds);

    private static readonly TimeSpan BehindTheGrain = TimeSpan.FromSeconds(15);

    /// <summary>Starts (or starts again) the ring clock; the session stops it when it is answered or ends.</summary>
    public void Start(CallSession session)
    {
        var emergency = session.EmergencyRingTimeout > TimeSpan.Zero ? session.EmergencyRingTimeout + BehindTheGrain : TimeSpan.Zero;
        var timeout = emergency > _ringTimeout ? emergency : _ringTimeout;
        session.Ring(timeProvider.CreateTimer(static state => _ = ((Expiry)state!).FireAsync(), new Expiry(this, session), timeout, Timeout.InfiniteTimeSpan));
    }

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
