namespace Switchboard.Edge.Cluster.Tls;

/// <summary>
/// Mutual TLS between silos and from edges to the silos' gateways (<c>Cluster:Tls</c>). Every node of a cluster
/// holds a certificate issued by the cluster's own CA and accepts only peers whose certificate that CA issued.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string SectionName = "Cluster:Tls";

    /// <summary>This node's certificate: a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>; empty when the key is in that file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM (or DER) file of the cluster's CA certificate; several PEM certificates while a CA is rotated.</summary>
    public string? CaPath { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CaPath);
}
