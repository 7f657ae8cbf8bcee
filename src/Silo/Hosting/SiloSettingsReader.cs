using System.Net;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Switchboard.Edge.Cluster.Tls;

namespace Switchboard.Silo.Hosting;

/// <summary>
/// Reads <see cref="SiloSettings"/> from configuration and rejects bad values with the key's name
/// (<see cref="ConfigurationException"/>; <c>Cluster:Tls</c> problems come from <see cref="ClusterTls"/>).
/// </summary>
public static class SiloSettingsReader
{
    public static SiloSettings Read(IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            postgres = null;
        }
        else
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(postgres);
            }
            catch (ArgumentException ex)
            {
                throw new ConfigurationException("ConnectionStrings:Postgres", $"is not a valid PostgreSQL connection string ({ex.Message})");
            }

            // A pooled connection otherwise runs DISCARD ALL each time it is reused: about half of all statements on
            // the call path. No statement of ours or Orleans' leaves session state behind. An explicit value wins.
            if (!postgres.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
            {
                builder.NoResetOnClose = true;
            }

            // The call path runs the same few statements thousands of times a second (the settlement statement has
            // four steps): prepared once per connection, PostgreSQL stops parsing and planning them every time, on
            // the cores the silo shares with it. An explicit value wins (0 for a pooler that cannot keep them).
            if (!postgres.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
            {
                builder.MaxAutoPrepare = 64;
            }

            postgres = builder.ConnectionString;
        }

        var advertised = Address(configuration, "Cluster:AdvertisedAddress", IPAddress.Loopback);

        // The embedded node's localhost clustering listens on loopback whatever the advertised address says.
        var tls = ClusterTls.Read(configuration, "Cluster:AdvertisedAddress", postgres is null ? null : advertised, server: true);
        return new SiloSettings(
            ClusterId: Identifier(configuration, "Cluster:ClusterId", "switchboard"),
            ServiceId: Identifier(configuration, "Cluster:ServiceId", "switchboard"),
            AdvertisedAddress: advertised,
            SiloPort: Port(configuration, "Cluster:SiloPort", 11111),
            GatewayPort: Port(configuration, "Cluster:GatewayPort", 30000),
            HttpUrls: Urls(configuration, "Http:Urls", "http://127.0.0.1:8080"),
            PostgresConnectionString: postgres,
            Tls: tls);
    }

    internal static int Port(IConfiguration configuration, string key, int fallback)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, out var port) && port is > 0 and <= 65535
            ? port
            : throw new ConfigurationException(key, $"must be a port number from 1 to 65535 (got '{raw}')");
    }

    internal static IPAddress Address(IConfiguration configuration, string key, IPAddress fallback)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return IPAddress.TryParse(raw, out var address)
            ? address
            : throw new ConfigurationException(key, $"must be an IPv4 or IPv6 address (got '{raw}')");
    }

    private static string Identifier(IConfiguration configuration, string key, string fallback)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return raw.Length <= 64 && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? raw
            : throw new ConfigurationException(key, $"must be 1-64 letters, digits, '-', '_' or '.' (got '{raw}')");
    }

    private static string Urls(IConfiguration configuration, string key, string fallback)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        foreach (var url in raw.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ConfigurationException(key, $"must be ';'-separated http(s) URLs (got '{url}')");
            }
        }

        return raw;
    }
}
