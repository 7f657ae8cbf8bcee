using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Silo.Hosting;
using Switchboard.TestKit.Hosting;
using Switchboard.TestKit.Tls;

namespace Switchboard.Silo.Tests.Hosting;

public sealed class SiloSettingsReaderTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void Read_NoConfiguration_EmbeddedDefaults()
    {
        var settings = SiloSettingsReader.Read(Config());

        Assert.False(settings.UsesPostgres);
        Assert.Equal("switchboard", settings.ClusterId);
        Assert.Equal(11111, settings.SiloPort);
        Assert.Equal(30000, settings.GatewayPort);
        Assert.Equal("http://127.0.0.1:8080", settings.HttpUrls);
    }

    [Theory]
    [InlineData("Cluster:SiloPort", "abc")]
    [InlineData("Cluster:SiloPort", "70000")]
    [InlineData("Cluster:GatewayPort", "0")]
    [InlineData("Cluster:AdvertisedAddress", "not-an-ip")]
    [InlineData("Cluster:ClusterId", "bad id with spaces")]
    [InlineData("Http:Urls", "ftp://127.0.0.1:21")]
    [InlineData("ConnectionStrings:Postgres", "Hostx=;;=")]
    public void Read_BadValue_ThrowsNamingTheKey(string key, string value)
    {
        var ex = Assert.Throws<ConfigurationException>(() => SiloSettingsReader.Read(Config((key, value))));

        Assert.Equal(key, ex.Key);
        Assert.StartsWith($"Configuration error: {key} ", ex.Message);
    }

    [Fact]
    public void Read_ConnectionString_ClusterMode()
    {
        var settings = SiloSettingsReader.Read(Config(("ConnectionStrings:Postgres", "Host=127.0.0.1;Username=postgres")));

        Assert.True(settings.UsesPostgres);
    }

    [Fact]
    public void Read_ConnectionString_NoResetAndAutoPrepareByDefault()
    {
        var settings = SiloSettingsReader.Read(Config(("ConnectionStrings:Postgres", "Host=127.0.0.1;Username=postgres")));

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
        Assert.True(builder.NoResetOnClose);
        Assert.Equal(64, builder.MaxAutoPrepare);
    }

    [Fact]
    public void Read_ConnectionStringWithItsOwnPoolingSettings_KeepsThem()
    {
        var settings = SiloSettingsReader.Read(Config(("ConnectionStrings:Postgres", "Host=127.0.0.1;Username=postgres;No Reset On Close=false;Max Auto Prepare=0")));

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
        Assert.False(builder.NoResetOnClose);
        Assert.Equal(0, builder.MaxAutoPrepare);
    }

    [Fact]
    public void Read_ClusterAddressOffLoopbackWithoutTls_FailsNamingTheKeys()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => SiloSettingsReader.Read(Config(
            ("ConnectionStrings:Postgres", "Host=127.0.0.1;Username=postgres"),
            ("Cluster:AdvertisedAddress", "10.0.0.11"))));

        Assert.Equal(
            "Configuration error: Cluster:Tls:CertificatePath and Cluster:Tls:CaPath are required when Cluster:AdvertisedAddress "
            + "(10.0.0.11) is not a loopback address: cluster traffic off this machine uses mutual TLS (docs/security.md)",
            ConfigurationFailure.Describe(ex));
    }

    [Fact]
    public void Read_ClusterOnLoopbackWithoutTls_Plaintext()
    {
        // deploy/local/cluster.sh: several silos and edges on one machine, all on 127.0.0.1.
        var settings = SiloSettingsReader.Read(Config(
            ("ConnectionStrings:Postgres", "Host=127.0.0.1;Username=postgres"),
            ("Cluster:AdvertisedAddress", "127.0.0.1")));

        Assert.Null(settings.Tls);
    }

    [Fact]
    public void Read_EmbeddedWithoutTls_PlaintextWhateverTheAdvertisedAddress()
    {
        // Localhost clustering listens on loopback; the advertised address is not used without PostgreSQL.
        var settings = SiloSettingsReader.Read(Config(("Cluster:AdvertisedAddress", "10.0.0.11")));

        Assert.Null(settings.Tls);
    }

    [Fact]
    public void Read_ClusterOffLoopbackWithCertificateFromCa_LoadsIt()
    {
        using var ca = new TestCertificateAuthority();
        var settings = SiloSettingsReader.Read(Config(
            [("ConnectionStrings:Postgres", "Host=127.0.0.1;Username=postgres"), ("Cluster:AdvertisedAddress", "10.0.0.11"),
             .. Tls(ca.NodeSettings("silo-1"))]));

        Assert.NotNull(settings.Tls);
        Assert.Equal("CN=silo-1", settings.Tls.Certificate.Subject);
        Assert.True(settings.Tls.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Read_CertificateWithoutCa_FailsNamingTheKey()
    {
        using var ca = new TestCertificateAuthority();
        var node = ca.NodeSettings("silo-1");
        node.Remove("Cluster:Tls:CaPath");

        var line = Failure(Tls(node));

        Assert.StartsWith("Configuration error: Cluster:Tls:CaPath is required with TLS for the cluster", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CertificateFromAnotherCa_FailsNamingTheKey()
    {
        using var ca = new TestCertificateAuthority();
        using var other = new TestCertificateAuthority("Another CA");
        var node = other.NodeSettings("silo-1");
        node["Cluster:Tls:CaPath"] = ca.CaPath;

        var line = Failure(Tls(node));

        Assert.Equal("Configuration error: Cluster:Tls:CertificatePath (CN=silo-1) is not issued by Cluster:Tls:CaPath, or is expired", line);
    }

    [Fact]
    public void Read_WrongPassword_FailsNamingTheKeyWithoutThePassword()
    {
        using var ca = new TestCertificateAuthority();
        var node = ca.NodeSettings("silo-1");
        node["Cluster:Tls:CertificatePassword"] = "not-the-password";

        var line = Failure(Tls(node));

        Assert.StartsWith("Configuration error: Cluster:Tls:CertificatePath could not be read", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EdgeCertificateOnSilo_FailsNamingTheUsage()
    {
        // A silo serves TLS too, so a certificate limited to client authentication cannot be its identity.
        using var ca = new TestCertificateAuthority();

        var line = Failure(Tls(ca.NodeSettings("edge-1", server: false)));

        Assert.Equal(
            "Configuration error: Cluster:Tls:CertificatePath (CN=edge-1) must allow both server and client authentication "
            + "(a silo is both) in its extended key usage",
            line);
    }

    private static (string Key, string Value)[] Tls(Dictionary<string, string?> node) =>
        [.. node.Select(kv => (kv.Key, kv.Value!))];

    private static string? Failure((string Key, string Value)[] values) =>
        ConfigurationFailure.Describe(Assert.Throws<OptionsValidationException>(() => SiloSettingsReader.Read(Config(values))));
}
