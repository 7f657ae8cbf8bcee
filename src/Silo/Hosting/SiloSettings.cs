using System.Net;
using Switchboard.Edge.Cluster.Tls;

namespace Switchboard.Silo.Hosting;

/// <summary>
/// Everything the silo needs to join or form a cluster, read once from configuration and validated before
/// anything starts. <see cref="PostgresConnectionString"/> null means the embedded single-node mode; <see cref="Tls"/>
/// null means plaintext silo and gateway ports, which only a silo on loopback may have.
/// </summary>
public sealed record SiloSettings(
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int GatewayPort,
    string HttpUrls,
    string? PostgresConnectionString,
    ClusterCertificates? Tls = null)
{
    public bool UsesPostgres => PostgresConnectionString is not null;

    /// <summary>Whether any of <see cref="HttpUrls"/> is an https:// URL (Kestrel then needs its certificate).</summary>
    public bool ServesHttps => HttpUrls.Split(';').Any(u => u.Trim().StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
