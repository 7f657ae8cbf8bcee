namespace Switchboard.Sip.Transports;

/// <summary>SIP listener settings, bound from the <c>Sip</c> configuration section.</summary>
public sealed class SipTransportOptions
{
    public const string SectionName = "Sip";

    /// <summary>IPv4 or IPv6 address to bind; <c>::</c> binds dual-mode (IPv4 and IPv6).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>UDP and TCP port (RFC 3261 §18: 5060); 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 5060;

    public bool EnableUdp { get; set; } = true;

    public bool EnableTcp { get; set; } = true;

    public bool EnableTls { get; set; }

    /// <summary>TLS port (RFC 3261 §26.2: 5061); 0 picks a free port.</summary>
    public int TlsPort { get; set; } = 5061;

    /// <summary>PKCS#12 file holding the TLS server certificate and key. Empty means <see cref="TlsSelfSigned"/> applies.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>Password of <see cref="TlsCertificatePath"/>. Never logged.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>Development only: generate a self-signed certificate at start when no path is configured.</summary>
    public bool TlsSelfSigned { get; set; }

    /// <summary>
    /// PEM file of the CA certificates that trunk (and any outbound) TLS servers must chain to, replacing the
    /// system's trust store; empty uses the system's store. Either way the certificate must name the trunk's host.
    /// </summary>
    public string? TrunkTlsCaPath { get; set; }

    /// <summary>
    /// Largest message accepted, checked before it is buffered: a datagram (65,507 bytes at most over IPv4), or
    /// a stream message's headers plus declared Content-Length.
    /// </summary>
    public int MaxMessageSize { get; set; } = 65_535;

    /// <summary>
    /// UDP socket receive and send buffer size requested from the kernel (Linux caps it at net.core.rmem_max and
    /// wmem_max; raise those for carrier load). 0 keeps the kernel default.
    /// </summary>
    public int UdpBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Receive loops per UDP socket, each taking the next datagram and handling it up to its first wait: how many
    /// SIP messages one listener handles at once. Messages of one transaction or dialog may then be handled out of
    /// arrival order, which UDP allows anyway (RFC 3261 §17 absorbs it).
    /// </summary>
    public int UdpReceiveLoops { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>TCP/TLS connections with no traffic for this long are closed (RFC 3261 §18 leaves the policy to us).</summary>
    public TimeSpan ConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout for an outbound connect plus, for TLS, either side's handshake.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Cap on simultaneous TCP/TLS connections per transport; further accepts are closed at once.</summary>
    public int MaxConnections { get; set; } = 10_000;
}
