using System.Net;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Edges;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Transport;

/// <summary>
/// Everything the edge sends goes through here: counted by method or status class, addressed by a
/// <see cref="SipEndPoint"/> or by a grain's <see cref="TransportAddress"/> (trunk hosts may be names).
/// </summary>
public sealed class SipOutbound(EdgeMetrics metrics, IOptions<SipOptions> options)
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

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, TransportAddress destination, string label) =>
        await ResolveAsync(destination) is { } endPoint && await SendAsync(message, endPoint, label);

    /// <summary>The SIP end point of a grain-side address; host names resolved through DNS (A/AAAA only, no NAPTR/SRV).</summary>
    public static async ValueTask<SipEndPoint?> ResolveAsync(TransportAddress address)
    {
        var kind = TransportMapping.ToKind(address.Transport);
        if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            return new SipEndPoint(kind, new IPEndPoint(ip, address.Port));
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(address.Host);
            return addresses.Length == 0 ? null : new SipEndPoint(kind, new IPEndPoint(addresses[0], address.Port));
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
