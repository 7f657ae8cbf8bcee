using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Trunks;

/// <summary>One carrier server this edge has sent a trunk leg to, and what its last OPTIONS ping said.</summary>
public sealed class TrunkServer(string trunkId, SipEndPoint endPoint, long lastUsedTicks)
{
    private long _lastUsedTicks = lastUsedTicks;
    private int _down;

    /// <summary>The trunk that named it first (for logs; one server may serve several trunks).</summary>
    public string TrunkId { get; } = trunkId;

    public SipEndPoint EndPoint { get; } = endPoint;

    /// <summary>The last ping went unanswered (or was answered 503): legs skip it until a ping is answered again.</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    internal long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    internal void Touch(long ticks) => Interlocked.Exchange(ref _lastUsedTicks, ticks);

    /// <summary>Records a ping's outcome; true when that changed the server's state.</summary>
    internal bool Record(bool answered) => Interlocked.Exchange(ref _down, answered ? 0 : 1) != (answered ? 0 : 1);
}
