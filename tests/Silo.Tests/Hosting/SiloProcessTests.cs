using Npgsql;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Silo.Tests.Hosting;

/// <summary>The silo as an operator runs it: its own process, configured by environment, stopped by SIGTERM.</summary>
public sealed class SiloProcessTests
{
    [Fact]
    public async Task Sigterm_TwoSiloCluster_LeavesGracefullyAndOtherStaysReady()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("proc");
        var clusterId = $"proc-{Guid.NewGuid():N}"[..16];
        await using var first = NodeProcess.Start("Switchboard.Silo", SiloConfiguration(connectionString, clusterId));
        Assert.True(await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), first.Output);
        await using var second = NodeProcess.Start("Switchboard.Silo", SiloConfiguration(connectionString, clusterId));
        Assert.True(await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)), second.Output);
        Assert.Equal(2, await CountSilos(connectionString, clusterId, status: 3));

        var graceful = await first.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.True(graceful, first.Output);
        Assert.Equal(0, first.ExitCode);
        // A silo that leaves gracefully marks itself Dead (6) at once instead of waiting to be voted out.
        Assert.Equal(1, await CountSilos(connectionString, clusterId, status: 6));
        Assert.True(await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Start_Embedded_RunsServerGcWithTheShippedGen0Budget()
    {
        // The collector is chosen by Silo.csproj's runtime configuration, which only the silo's own process reads.
        await using var silo = NodeProcess.Start("Switchboard.Silo", SiloConfiguration(null, "gc"));

        // The banner's closing rule: every section's line is complete once it is out.
        Assert.True(await silo.WaitForOutputAsync(new string('=', 59), TimeSpan.FromSeconds(90)), silo.Output);
        var line = silo.Output.Split('\n').Single(l => l.StartsWith("  runtime      ", StringComparison.Ordinal));
        Assert.StartsWith("  runtime      server GC", line, StringComparison.Ordinal);
        Assert.Contains("gen0 budget at most 24 MB", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadConfiguration_ExitsWithOneLineNamingTheKey()
    {
        var configuration = SiloConfiguration(null, "bad");
        configuration["Cluster:GatewayPort"] = "port";
        await using var silo = NodeProcess.Start("Switchboard.Silo", configuration);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)), silo.Output);
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("Configuration error: Cluster:GatewayPort", silo.Output);
    }

    [Theory]
    [InlineData("Sip:NonceSecret", "too-short", "Configuration error: Sip:NonceSecret must be base64 of at least 16 random bytes")]
    [InlineData("Sip:Port", "fifty", "Configuration error: Failed to convert configuration value")]
    public async Task Start_BadSipSetting_ExitsWithOneLineAndNoStackTrace(string key, string value, string expected)
    {
        // Embedded mode with its edge: the nonce secret is generated only when none is given.
        var configuration = SiloConfiguration(null, "badsip");
        configuration["Edge:Enabled"] = "true";
        configuration["Sip:Port"] = FreePorts.Next().ToString();
        configuration[key] = value;
        await using var silo = NodeProcess.Start("Switchboard.Silo", configuration);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)), silo.Output);
        Assert.Equal(2, silo.ExitCode);
        var errors = silo.Output.Split('\n').Where(l => l.Contains("Configuration error", StringComparison.Ordinal)).ToList();
        Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
        Assert.Contains(key, errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SipTlsWithoutCertificateOutsideTheEmbeddedNode_ExitsNamingTheKey()
    {
        var server = await PostgresServer.GetAsync();
        var configuration = SiloConfiguration(await server.CreateEmptyDatabaseAsync("tls"), "tls");
        configuration["Edge:Enabled"] = "true";
        configuration["Sip:Port"] = FreePorts.Next().ToString();
        configuration["Sip:TlsPort"] = FreePorts.Next().ToString();
        configuration["Sip:NonceSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var silo = NodeProcess.Start("Switchboard.Silo", configuration);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), silo.Output);
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("Configuration error: Sip:TlsCertificatePath is required with Sip:TlsPort outside the embedded node", silo.Output);
        Assert.DoesNotContain("self-signed certificate (", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ClusterAddressOffLoopbackWithoutTls_ExitsWithOneLineNamingTheKeys()
    {
        // Refused before the database is reached: no server listens on port 1.
        var configuration = SiloConfiguration("Host=127.0.0.1;Port=1;Username=postgres", "notls");
        configuration["Cluster:AdvertisedAddress"] = "10.0.0.11";
        await using var silo = NodeProcess.Start("Switchboard.Silo", configuration);

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)), silo.Output);
        Assert.Equal(2, silo.ExitCode);
        var errors = silo.Output.Split('\n').Where(l => l.Contains("Configuration error", StringComparison.Ordinal)).ToList();
        Assert.StartsWith(
            "Configuration error: Cluster:Tls:CertificatePath and Cluster:Tls:CaPath are required when Cluster:AdvertisedAddress (10.0.0.11)",
            Assert.Single(errors), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> SiloConfiguration(string? connectionString, string clusterId) => new()
    {
        ["ConnectionStrings:Postgres"] = connectionString,
        ["Cluster:ClusterId"] = clusterId,
        ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
        ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
        ["Http:Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
        ["Edge:Enabled"] = "false",
    };

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
