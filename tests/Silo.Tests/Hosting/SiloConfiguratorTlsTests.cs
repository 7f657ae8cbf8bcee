using Npgsql;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Postgres;
using Switchboard.TestKit.Tls;

namespace Switchboard.Silo.Tests.Hosting;

/// <summary>
/// Silo-to-silo mutual TLS (Cluster:Tls, issue 12 item 1): two silos of one PostgreSQL cluster, each with a
/// certificate from the cluster's CA, form a cluster; a silo whose certificate another CA issued does not join.
/// </summary>
public sealed class SiloConfiguratorTlsTests
{
    private const int Active = 3;

    [Fact]
    public async Task Join_CertificatesFromClusterCa_FormCluster_SiloFromAnotherCaStaysOut()
    {
        using var ca = new TestCertificateAuthority();
        using var rogueCa = new TestCertificateAuthority("Switchboard Test Cluster CA");
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("mtls");
        var clusterId = $"mtls-{Guid.NewGuid():N}"[..16];

        await using var first = await RunningSilo.StartAsync(settings: Settings(ca, "silo-1", connectionString, clusterId));
        await using var second = await RunningSilo.StartAsync(settings: Settings(ca, "silo-2", connectionString, clusterId));

        // The second silo's join probes the first over TLS both ways; both Active means both accepted the other.
        Assert.Equal(2, await CountSilos(connectionString, clusterId, Active));

        // A silo with a certificate from another CA (same CA name, same subject as the first silo), in its own
        // process: its connections are refused, so the join's connectivity check never passes and it never serves.
        await using (var rogue = NodeProcess.Start("Switchboard.Silo", Settings(rogueCa, "silo-1", connectionString, clusterId, ownProcess: true)))
        {
            // The check gives up after its own probe timeouts, later on a busy machine (it once took over 10 s in CI
            // while other builds ran): wait for its verdict rather than for a fixed time.
            Assert.True(await rogue.WaitForOutputAsync("Failed to get ping responses from 2 of 2 active silos", TimeSpan.FromSeconds(90)), rogue.Output);
            Assert.False(await rogue.WaitUntilReadyAsync(TimeSpan.FromSeconds(1)), rogue.Output);
        }

        Assert.Equal(2, await CountSilos(connectionString, clusterId, Active));
    }

    private static Dictionary<string, string?> Settings(
        TestCertificateAuthority ca, string subject, string connectionString, string clusterId, bool ownProcess = false)
    {
        var settings = ca.NodeSettings(subject);
        settings["ConnectionStrings:Postgres"] = connectionString;
        settings["Cluster:ClusterId"] = clusterId;
        settings["Cluster:AdvertisedAddress"] = "127.0.0.1";
        settings["Edge:Enabled"] = "false";
        if (ownProcess)
        {
            // What RunningSilo fills in for an in-process silo.
            settings["Cluster:SiloPort"] = FreePorts.Next().ToString();
            settings["Cluster:GatewayPort"] = FreePorts.Next().ToString();
            settings["Http:Urls"] = $"http://127.0.0.1:{FreePorts.Next()}";
        }

        return settings;
    }

    private static async Task<long> CountSilos(string connectionString, string clusterId, int status)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = $2", connection);
        command.Parameters.AddWithValue(clusterId);
        command.Parameters.AddWithValue(status);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
