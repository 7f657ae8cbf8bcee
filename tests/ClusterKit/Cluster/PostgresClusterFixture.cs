namespace Switchboard.TestKit.Cluster;

/// <summary>xunit fixture: a two-silo cluster whose grain state, reminders and domain tables are in a fresh PostgreSQL database.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private SwitchboardTestCluster? _cluster;

    public SwitchboardTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Cluster not started");

    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    public string ConnectionString => Cluster.PostgresConnectionString!;

    public async Task InitializeAsync() => _cluster = await SwitchboardTestCluster.StartAsync(silos: 2, postgres: true);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
