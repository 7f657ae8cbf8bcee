namespace Switchboard.Grains.Tests.Support;

/// <summary>xunit fixture: one single-silo in-memory billing cluster shared by a test class (tests use distinct accounts).</summary>
public sealed class BillingClusterFixture : IAsyncLifetime
{
    private BillingCluster? _cluster;

    public BillingCluster Cluster => _cluster ?? throw new InvalidOperationException("Cluster not started");

    public async Task InitializeAsync() => _cluster = await BillingCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
