using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Switchboard.Edge.Cluster.Tls;

/// <summary>
/// This node's certificate and the cluster's CA. A peer is a member of the cluster when its certificate chains to
/// that CA, and to nothing else: the operating system's trust store plays no part, so a certificate a public CA
/// issued for any name is refused. Silos are reached by IP address and carry no host name, so the name is not
/// checked; the CA must therefore be one that issues certificates to this cluster's nodes only.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    public ClusterCertificates(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        Certificate = certificate;
        Authorities = authorities;
    }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The cluster's CA certificates (more than one while a CA is being rotated).</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>True when <paramref name="certificate"/> chains to one of <see cref="Authorities"/>.</summary>
    public bool IsIssuedByCluster(X509Certificate2 certificate, X509Chain? presented = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);

        // A private CA publishes no revocation list; a node is removed by rotating the CA (docs/security.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the peer sent, so a chain through an intermediate CA can be built without a store.
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (!chain.Build(certificate))
        {
            return false;
        }

        var root = chain.ChainElements[^1].Certificate;
        return Authorities.Any(a => a.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span));
    }

    /// <summary>
    /// The same rules for a silo (its silo and gateway ports, and its connections to other silos) and for an edge
    /// (its connections to gateways): present this certificate, require the peer's, accept it only from the CA.
    /// </summary>
    public void Configure(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = Certificate;

        // Inbound: no certificate, no connection. Outbound: this certificate is always presented (Orleans' default
        // only offers it), and the peer must present one too. The platform's verdict (a chain to the OS store, a
        // host name) is replaced by IsIssuedByCluster; see the class summary for why names are not checked.
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, chain, _) => IsIssuedByCluster(certificate, chain);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var authority in Authorities)
        {
            authority.Dispose();
        }
    }
}
