using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Trunks;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Edges;
using Switchboard.Sip.Dns;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Transport;

/// <summary>
/// Everything the edge sends goes through here: counted by method or status class, addressed by a
/// <see cref="SipEndPoint"/> or by a grain's <see cref="TransportAddress"/> (trunk hosts may be names, located
/// through DNS as RFC 3263 §4 says).
/// </summary>
public sealed class SipOutbound(EdgeMetrics metrics, IOptions<SipOptions> options, SipServerLocator locator, TrunkHealth trunks)
{
    private SipTransportHub? _hub;

    /// <summary>The address and port written into our Via and Contact headers.</summary>
    public string LocalHost { get; } = options.Value.ListenAddress;

    public int LocalPort { get; } = options.Value.Port;

    internal void Attach(SipTransportHub hub) => _hub = hub;

    /// <summary>Sends bytes; <paramref name="label"/> is the method or status class for the counter.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, string label)
    {
        if (_hub is null)
        {
            return false;
        }

        metrics.MessageOut(label);
        return await _hub.SendAsync(message, destination);
    }

    /// <summary>
    /// The transaction layer's sender (<see cref="Switchboard.Sip.Transactions.SipMessageSender"/>): the label is read
    /// from the start line, the method of a request or the class of a response's status (RFC 3261 §7.1, §7.2).
    /// </summary>
    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken) =>
        SendAsync(message, destination, Label(message.Span));

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, TransportAddress destination, string label) =>
        await ResolveAsync(destination) is { } endPoint && await SendAsync(message, endPoint, label);

    private static string Label(ReadOnlySpan<byte> message)
    {
        if (message.StartsWith("SIP/2.0 "u8) && message.Length >= 11
            && int.TryParse(message.Slice(8, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status))
        {
            return EdgeMetrics.ResponseClass(status);
        }

        var space = message.IndexOf((byte)' ');
        return space > 0 ? System.Text.Encoding.ASCII.GetString(message[..space]) : "other";
    }

    /// <summary>
    /// Every SIP end point of a grain-side address, in the order to try them (RFC 3263 §4): a numeric host as is,
    /// a name with a port through A/AAAA, a name with port 0 (a trunk configured without one) through SRV for its
    /// transport, falling back to A/AAAA on 5060/5061. Empty when the name does not resolve.
    /// </summary>
    public async Task<IReadOnlyList<SipEndPoint>> LocateAsync(TransportAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var targets = await locator.LocateAsync(address.Host, address.Port, TransportMapping.ToKind(address.Transport), cancellationToken);
        return targets.Select(t => t.EndPoint).ToList();
    }

    /// <summary>
    /// The servers a callee leg's INVITE may go to, in order. For a trunk they are noted for pinging, and those that
    /// stopped answering OPTIONS are left out; when that leaves none, <c>Unusable</c> says why (the leg fails with 503,
    /// and the grain's failover moves on to the next trunk).
    /// </summary>
    public async Task<(IReadOnlyList<SipEndPoint> Servers, string? Unusable)> LocateLegAsync(CallTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var servers = await LocateAsync(target.Destination);
        if (target.TrunkId is null || servers.Count == 0)
        {
            return (servers, null);
        }

        trunks.Learn(target.TrunkId, servers);
        var usable = trunks.Usable(servers);
        return (usable, usable.Count == 0 ? "Trunk Down" : null);
    }

    /// <summary>The first end point of <see cref="LocateAsync"/>, for requests that have no failover of their own.</summary>
    public async ValueTask<SipEndPoint?> ResolveAsync(TransportAddress address) =>
        await LocateAsync(address) is [var first, ..] ? first : null;
}
