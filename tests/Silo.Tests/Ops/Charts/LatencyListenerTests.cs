using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Grains.Telemetry;
using Switchboard.Silo.Ops.Charts;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Silo.Tests.Ops.Charts;

public sealed class LatencyListenerTests
{
    [Fact]
    public void Settled_RecordedOnTheGrainsMeter_LandsInTheSettlementWindowInMilliseconds()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var listener = new LatencyListener();
        var metrics = new SwitchboardMetrics(services.GetRequiredService<IMeterFactory>());

        metrics.Settled(TimeSpan.FromMilliseconds(12));
        metrics.Settled(TimeSpan.FromMilliseconds(30));

        Assert.Equal(new LatencyPoint(2, 21, 30), listener.Settlement.Drain());
    }

    [Fact]
    public async Task NpgsqlCommand_AgainstRealPostgres_LandsInTheDatabaseWindowInMilliseconds()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("charts");
        using var listener = new LatencyListener();
        listener.Database.Drain();

        await using (var source = NpgsqlDataSource.Create(connectionString))
        await using (var command = source.CreateCommand("SELECT pg_sleep(0.02)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        // Anything else in this process using PostgreSQL lands here too: at least ours was seen, and Npgsql's
        // seconds became milliseconds (the 20 ms sleep cannot come back as 0.02).
        var point = listener.Database.Drain();
        Assert.NotNull(point);
        Assert.True(point.Count >= 1);
        Assert.True(point.MaxMs >= 20, $"slowest command {point.MaxMs} ms");
    }
}
