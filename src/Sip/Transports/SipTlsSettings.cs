using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Switchboard.Sip.Transports;

/// <summary>TLS material for a <see cref="StreamSipTransport"/> (RFC 3261 §26.3.1: SIP over TLS).</summary>
/// <param name="ServerCertificate">Presented to peers that connect to us; must hold its private key.</param>
/// <param name="ValidateServerCertificate">
/// Checks the peer's certificate on connections we open. Null means the platform's chain validation must pass
/// with no error, the name check included: the target host is <see cref="SipEndPoint.ServerName"/> when the
/// destination has one (a trunk's configured host), else the IP text.
/// </param>
/// <param name="TrustedAuthorities">
/// The only roots a server certificate may chain to (a private CA for trunks); null trusts the system's store.
/// </param>
public sealed record SipTlsSettings(
    X509Certificate2 ServerCertificate,
    RemoteCertificateValidationCallback? ValidateServerCertificate = null,
    X509Certificate2Collection? TrustedAuthorities = null)
{
    /// <summary>The chain policy for one handshake (a fresh one each time: SslStream may change it), or null for the system's.</summary>
    internal X509ChainPolicy? ChainPolicy()
    {
        if (TrustedAuthorities is null)
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(TrustedAuthorities);
        return policy;
    }
}
