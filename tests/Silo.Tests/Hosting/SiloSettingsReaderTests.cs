using Microsoft.Extensions.Configuration;
using Switchboard.Silo.Hosting;

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
}
