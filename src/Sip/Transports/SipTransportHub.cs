using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Switchboard.Sip.Transports;

/// <summary>
/// The edge's single door to the network: owns the enabled transports, hands every received message to one
/// handler with its <see cref="SipEndPoint"/>, and routes sends to the transport the end point names.
/// </summary>
public sealed class SipTransportHub : IAsyncDisposable
{
    private readonly List<ISipTransport> _transports;

    public SipTransportHub(IEnumerable<ISipTransport> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        _transports = [.. transports];
        if (_transports.Count == 0)
        {
            throw new ArgumentException("At least one transport is required.", nameof(transports));
        }
    }

    /// <summary>Builds UDP, TCP and TLS transports as <paramref name="options"/> enables them (not yet started).</summary>
    public static SipTransportHub Create(
        IOptions<SipTransportOptions> options,
        SipMessageHandler handler,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var validation = new SipTransportOptionsValidator().Validate(null, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SipTransportOptions.SectionName, typeof(SipTransportOptions), validation.Failures);
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var address = IPAddress.Parse(value.ListenAddress);
        var transports = new List<ISipTransport>();
        if (value.EnableUdp)
        {
            transports.Add(new UdpSipTransport(new IPEndPoint(address, value.Port), value.MaxMessageSize, handler, loggerFactory.CreateLogger<UdpSipTransport>(), value.UdpBufferBytes, value.UdpReceiveLoops));
        }

        if (value.EnableTcp)
        {
            transports.Add(StreamSipTransport.CreateTcp(new IPEndPoint(address, value.Port), value, handler, time, loggerFactory.CreateLogger<StreamSipTransport>()));
        }

        if (value.EnableTls)
        {
            var certificate = SipTlsCertificates.Load(value, time);
            if (value.TlsSelfSigned && string.IsNullOrWhiteSpace(value.TlsCertificatePath))
            {
                SipTransportLog.SelfSigned(loggerFactory.CreateLogger<SipTransportHub>(), certificate.Subject);
            }

            var authorities = string.IsNullOrWhiteSpace(value.TrunkTlsCaPath) ? null : LoadAuthorities(value.TrunkTlsCaPath);
            var tls = new SipTlsSettings(certificate, TrustedAuthorities: authorities);
            transports.Add(StreamSipTransport.CreateTls(new IPEndPoint(address, value.TlsPort), value, tls, handler, time, loggerFactory.CreateLogger<StreamSipTransport>()));
        }

        return new SipTransportHub(transports);
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        if (authorities.Count == 0)
        {
            throw new InvalidOperationException($"{SipTransportOptions.SectionName}:{nameof(SipTransportOptions.TrunkTlsCaPath)} holds no PEM certificate.");
        }

        return authorities;
    }

    public IReadOnlyList<ISipTransport> Transports => _transports;

    public void Start()
    {
        foreach (var transport in _transports)
        {
            transport.Start();
        }
    }

    /// <summary>The first transport of <paramref name="kind"/> able to reach <paramref name="remote"/>, if any.</summary>
    public ISipTransport? Find(SipTransportKind kind, IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        foreach (var transport in _transports)
        {
            if (transport.Kind == kind && transport.CanReach(remote))
            {
                return transport;
            }
        }

        return null;
    }

    /// <summary>
    /// Sends serialized bytes (the caller owns the buffer until the returned task completes). False when no
    /// transport of that kind can reach the destination or the transport failed: a transport error for the
    /// transaction layer (RFC 3261 §17.1.4), never an exception.
    /// </summary>
    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        var transport = Find(destination.Kind, destination.Remote);
        return transport is null ? ValueTask.FromResult(false) : transport.SendAsync(message, destination, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }
    }
}
