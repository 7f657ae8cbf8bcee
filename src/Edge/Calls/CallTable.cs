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

    /// <summary>Adds a new call; false when a call of this edge already has its caller leg's Call-ID.</summary>
    public bool TryAdd(CallSession session)
    {
        if (!_byLeg.TryAdd(session.CallerDialog.LegCallId, session))
        {
            return false;
        }

        _byCall[session.CallId] = session;
        return true;
    }

    public void AddLeg(CallSession session, string legCallId) => _byLeg[legCallId] = session;

    /// <summary>Forgets a callee leg that never started.</summary>
    public void RemoveLeg(string legCallId) => _byLeg.TryRemove(legCallId, out _);

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
