using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Trunks;

/// <summary>One carrier server this edge has sent a trunk leg to, and what its last OPTIONS ping said.</summary>
public sealed class TrunkServer(string trunkId, SipEndPoint endPoint, long lastUsedTicks)
{
    private long _lastUsedTicks = lastUsedTicks;
    private int _down;
    private int _heard;

    /// <summary>The trunk that named it first (for logs; one server may serve several trunks).</summary>
    public string TrunkId { get; } = trunkId;

    public SipEndPoint EndPoint { get; } = endPoint;

    /// <summary>
    /// The last ping was answered 503, or went unanswered by a server that answered pings before: legs skip it until
    /// a ping is answered again. A server that has never answered a ping may simply not answer OPTIONS (some carriers
    /// drop them): it is not marked down for that, and its calls find out through Timer B as without pinging.
    /// </summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    internal long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    internal void Touch(long ticks) => Interlocked.Exchange(ref _lastUsedTicks, ticks);

    /// <summary>
    /// Records a ping's outcome: <paramref name="answered"/> (any final response but 503), <paramref name="heard"/>
    /// (any response at all). True when that changed the server's state.
    /// </summary>
    internal bool Record(bool answered, bool heard)
    {
        if (heard)
        {
            Volatile.Write(ref _heard, 1);
        }

        var down = !answered && Volatile.Read(ref _heard) == 1 ? 1 : 0;
        return Interlocked.Exchange(ref _down, down) != down;
    }
}
