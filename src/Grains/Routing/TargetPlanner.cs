using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Routing;

/// <summary>Turns bindings or trunks into the ordered <see cref="CallTarget"/> list of a decision.</summary>
public static class TargetPlanner
{
    /// <summary>An extension's contacts, highest q first (RFC 3261 §16.6 step 1), newest registration first on ties.</summary>
    public static IReadOnlyList<CallTarget> ForBindings(IEnumerable<Binding> bindings, string calleeNumber)
    {
        return bindings
            .OrderByDescending(b => b.Q ?? 1.0m)
            .ThenByDescending(b => b.RegisteredAt)
            .Select((b, i) => new CallTarget(
                i, TargetKind.Binding, b.ContactUri, calleeNumber, b.Source, b.Path, b.EdgeId, null, true))
            .ToList();
    }

    /// <summary>Enabled trunks by ascending priority (then id, for a stable order), each with its rewritten number.</summary>
    public static IReadOnlyList<CallTarget> ForTrunks(IEnumerable<Trunk> trunks, string dialled)
    {
        return trunks
            .Where(t => t.Enabled)
            .OrderBy(t => t.Priority)
            .ThenBy(t => t.TrunkId, StringComparer.Ordinal)
            .Select((t, i) =>
            {
                var number = NumberRewriter.Apply(t.Rewrites, dialled);
                return new CallTarget(
                    i, TargetKind.Trunk, TrunkRequestUri(t, number), number,
                    new TransportAddress(t.Transport, t.Host, t.Port), [], null, t.TrunkId, !t.SignallingOnly);
            })
            .ToList();
    }

    /// <summary>
    /// An emergency call's trunks: the designated one first, then the other enabled trunks by priority. The number goes
    /// out as dialled, without the trunks' rewrites (they shape ordinary numbers; a carrier routes "112" as it is), from
    /// <paramref name="callerNumber"/> when there is a callback number, with <paramref name="headers"/> on every INVITE.
    /// </summary>
    public static IReadOnlyList<CallTarget> ForEmergency(
        IEnumerable<Trunk> trunks, string? designatedTrunkId, string dialled, string? callerNumber, IReadOnlyList<LegHeader> headers)
    {
        return trunks
            .Where(t => t.Enabled)
            .OrderBy(t => t.TrunkId == designatedTrunkId ? 0 : 1)
            .ThenBy(t => t.Priority)
            .ThenBy(t => t.TrunkId, StringComparer.Ordinal)
            .Select((t, i) => new CallTarget(
                i, TargetKind.Trunk, TrunkRequestUri(t, dialled), dialled,
                new TransportAddress(t.Transport, t.Host, t.Port), [], null, t.TrunkId, !t.SignallingOnly, callerNumber, headers))
            .ToList();
    }

    private static string TrunkRequestUri(Trunk trunk, string number)
    {
        var host = trunk.Host.Contains(':', StringComparison.Ordinal) ? $"[{trunk.Host}]" : trunk.Host;
        var transport = trunk.Transport switch
        {
            SipTransport.Tcp => ";transport=tcp",
            SipTransport.Tls => ";transport=tls",
            _ => string.Empty,
        };

        // No port in the URI when none is configured: RFC 3263 §4.2 then has the next hop use SRV, and the carrier
        // sees the name it published. user=phone: the user part is a telephone number (RFC 3261 §19.1.1).
        var port = trunk.Port > 0 ? $":{trunk.Port}" : string.Empty;
        return $"sip:{number}@{host}{port}{transport};user=phone";
    }
}
