using System.Collections.Concurrent;

namespace Switchboard.Edge.Calls;

/// <summary>Calls this edge set up, by the SIP Call-ID of any of their legs; the drain on SIGTERM waits on it.</summary>
public sealed class CallTable
{
    private readonly ConcurrentDictionary<string, CallSession> _byLeg = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CallSession> _byCall = new(StringComparer.Ordinal);

    /// <summary>Calls in progress on this edge.</summary>
    public int Count => _byCall.Count;

    public IEnumerable<CallSession> Sessions => _byCall.Values;

    public void Add(CallSession session)
    {
        _byCall[session.CallId] = session;
        _byLeg[session.CallerDialog.LegCallId] = session;
    }

    public void AddLeg(CallSession session, string legCallId) => _byLeg[legCallId] = session;

    public CallSession? FindByLeg(string legCallId) => _byLeg.GetValueOrDefault(legCallId);

    public CallSession? FindByCall(string callId) => _byCall.GetValueOrDefault(callId);

    public bool Remove(CallSession session)
    {
        _byLeg.TryRemove(session.CallerDialog.LegCallId, out _);
        foreach (var leg in session.Legs.Values)
        {
            _byLeg.TryRemove(leg.LegCallId, out _);
        }

        return _byCall.TryRemove(session.CallId, out _);
    }
}
