namespace Switchboard.TestKit.Cluster;

/// <summary>
/// xunit fixture: one two-silo in-memory cluster shared by a test class or collection. Tests that kill silos
/// or need PostgreSQL start their own <see cref="SwitchboardTestCluster"/> instead.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private SwitchboardTestCluster? _cluster;

    public SwitchboardTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Cluster not started");

    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    public async Task InitializeAsync() => _cluster = await SwitchboardTestCluster.StartAsync(silos: 2);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
