using Switchboard.Edge.Media;
using Switchboard.Edge.Signalling;
using Switchboard.Grains.Calls;

namespace Switchboard.Edge.Calls;

/// <summary>
/// What this edge holds for a call it set up: the caller's INVITE transaction, the outgoing legs and the media
/// relay. Transient by design: the dialogs themselves live in the call grain, so another edge can take over.
/// </summary>
public sealed class CallSession(string callId, ICallGrain grain, string tenantId, InboundRequest caller, LegDialog callerDialog, long startedTimestamp)
{
    private int _answered;
    private int _ended;
    private ITimer? _ringTimeout;

    public string CallId { get; } = callId;

    public ICallGrain Grain { get; } = grain;

    public string TenantId { get; } = tenantId;

    public InboundRequest Caller { get; } = caller;

    public LegDialog CallerDialog { get; } = callerDialog;

    public long StartedTimestamp { get; } = startedTimestamp;

    public CalleeLegSet Legs { get; } = new();

    public MediaRelay? Relay { get; set; }

    /// <summary>The 2xx to the caller being retransmitted until its ACK (RFC 3261 §13.3.1.4); null before the answer.</summary>
    public AnswerRetransmission? Answer { get; set; }

    /// <summary>The caller's number and display name, used in the From of every callee leg.</summary>
    public string CallerNumber { get; set; } = "anonymous";

    public string? CallerName { get; set; }

    /// <summary>The caller's own SDP offer, sent unchanged to signalling-only targets.</summary>
    public ReadOnlyMemory<byte> CallerOffer { get; set; }

    /// <summary>The SDP offer as sent to callees (pointing at the relay when media is anchored).</summary>
    public byte[]? CalleeOffer { get; set; }

    /// <summary>Set when the ring timeout answered the caller 480 (RFC 3261 §21.4.18) before any callee did.</summary>
    public bool RingTimedOut { get; set; }

    /// <summary>An emergency call's ring timeout (the decision's): the edge's own backstop never cuts one before it.</summary>
    public TimeSpan EmergencyRingTimeout { get; set; }

    public bool IsAnswered => Volatile.Read(ref _answered) == 1;

    public bool IsEnded => Volatile.Read(ref _ended) == 1;

    /// <summary>True for the first 2xx only: one answer per call (RFC 3261 §13.2.2.4, first 2xx wins).</summary>
    public bool TryAnswer() => StopRingingIf(Interlocked.CompareExchange(ref _answered, 1, 0) == 0);

    public bool TryEnd() => StopRingingIf(Interlocked.CompareExchange(ref _ended, 1, 0) == 0);

    /// <summary>
    /// The caller acknowledged our 2xx: no callee leg starts any more (forks and failover end with the answer) and
    /// the caller's INVITE gets no other response, so the INVITE and both offers need not stay for the whole call.
    /// </summary>
    public void ReleaseSetup()
    {
        if (!IsAnswered)
        {
            return;
        }

        Caller.ReleaseRequest();
        CallerOffer = default;
        CalleeOffer = null;
    }

    /// <summary>
    /// Arms the ring timeout. An answered or ended call drops it at once: a pending timer holds the whole session
    /// (legs, transactions, relay) alive, and at 1,000 calls/s 45 s of finished calls were most of what survived
    /// each collection (docs/benchmarks.md, "What survives a collection").
    /// </summary>
    public void Ring(ITimer timeout)
    {
        Interlocked.Exchange(ref _ringTimeout, timeout)?.Dispose();
        if (IsAnswered || IsEnded)
        {
            Interlocked.Exchange(ref _ringTimeout, null)?.Dispose();
        }
    }

    private bool StopRingingIf(bool changed)
    {
        if (changed)
        {
            Interlocked.Exchange(ref _ringTimeout, null)?.Dispose();
        }

        return changed;
    }
}
