using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Sip.Transports;

/// <summary>TLS material for a <see cref="StreamSipTransport"/> (RFC 3261 §26.3.1: SIP over TLS).</summary>
/// <param name="ServerCertificate">Presented to peers that connect to us; must hold its private key.</param>
/// <param name="ValidateServerCertificate">
/// Checks the peer's certificate on connections we open. Null means the platform's chain validation must pass
/// with no error; outbound connections are addressed by IP, so the target host used for the check is the IP text.
/// </param>
public sealed record SipTlsSettings(X509Certificate2 ServerCertificate, RemoteCertificateValidationCallback? ValidateServerCertificate = null);
