using System.Net;

namespace Switchboard.Silo.Hosting;

/// <summary>
/// Everything the silo needs to join or form a cluster, read once from configuration and validated before
/// anything starts. <see cref="PostgresConnectionString"/> null means the embedded single-node mode.
/// </summary>
public sealed record SiloSettings(
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int GatewayPort,
    string HttpUrls,
    string? PostgresConnectionString)
{
    public bool UsesPostgres => PostgresConnectionString is not null;
}
