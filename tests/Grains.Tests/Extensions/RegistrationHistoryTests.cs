using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Telemetry;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Grains.Tests.Extensions;

/// <summary>
/// The registration history queue (docs/privacy.md, registration history) on a real PostgreSQL with deploy/sql
/// applied: the REGISTER path only ever drops an entry into the queue, a full queue drops and counts instead of
/// waiting, and a flush writes a batch with one COPY (one statement, so one transaction: every row shares its xmin).
/// </summary>
public sealed class RegistrationHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private long _written;
    private long _dropped;
    private NpgsqlDataSource _db = null!;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _db = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("reghistory"));

        // Only this test's own meter (its scope is this test's factory): other tests run silos in parallel.
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == SwitchboardMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "switchboard.registrations.history.dropped")
            {
                Interlocked.Add(ref _dropped, value);
            }
            else if (instrument.Name == "switchboard.registrations.history.written")
            {
                Interlocked.Add(ref _written, value);
            }
        });
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _db.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Flush_QueuedEntries_WritesThemAllWithOneCopy()
    {
        var history = History();
        history.Record(new RegistrationEntry("t-a", "1001", Now, "192.0.2.10", "Yealink SIP-T46U", 600));
        history.Record(new RegistrationEntry("t-a", "1002", Now.AddSeconds(1), "2001:db8::7", "Linphone/5.2", 3600));
        history.Record(new RegistrationEntry("t-b", "1001", Now.AddSeconds(2), "198.51.100.3", "", 0));

        await history.FlushAsync(default);

        Assert.Equal(
            ["t-a|1001|2030-01-01 12:00:00+00|192.0.2.10|Yealink SIP-T46U|600", "t-a|1002|2030-01-01 12:00:01+00|2001:db8::7|Linphone/5.2|3600",
             "t-b|1001|2030-01-01 12:00:02+00|198.51.100.3||0"],
            await Strings("""
                SELECT concat_ws('|', tenant_id, extension, to_char(registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00'),
                                 host(source_ip), user_agent, expires)
                FROM registration_history ORDER BY registered_at
                """));
        Assert.Equal(1, await Scalar("SELECT count(DISTINCT xmin::text) FROM registration_history"));
        Assert.Equal(3, Interlocked.Read(ref _written));

        // Nothing queued: a second flush writes nothing.
        await history.FlushAsync(default);
        Assert.Equal(3, await Scalar("SELECT count(*) FROM registration_history"));
    }

    [Fact]
    public async Task Record_QueueFull_DropsTheNewestCountedAndNeverWaits()
    {
        var history = History();
        const int overflow = 7;

        // Nothing reads the queue (the service is not started), so a Record that waited for room would never return.
        var recording = Task.Run(() =>
        {
            for (var i = 0; i < RegistrationHistory.Capacity + overflow; i++)
            {
                history.Record(new RegistrationEntry("t-a", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Now, "192.0.2.10", "ua", 60));
            }
        });
        await recording.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(overflow, Interlocked.Read(ref _dropped));
        await history.FlushAsync(default);

        // The first Capacity entries are kept, in batches of BatchSize rows, each batch one COPY.
        Assert.Equal(RegistrationHistory.Capacity, await Scalar("SELECT count(*) FROM registration_history"));
        Assert.Equal(0, await Scalar($"SELECT count(*) FROM registration_history WHERE extension::int >= {RegistrationHistory.Capacity}"));
        Assert.Equal(RegistrationHistory.Capacity / RegistrationHistory.BatchSize, await Scalar("SELECT count(DISTINCT xmin::text) FROM registration_history"));
        Assert.Equal(RegistrationHistory.Capacity, Interlocked.Read(ref _written));
        Assert.Equal(overflow, Interlocked.Read(ref _dropped));
    }

    private RegistrationHistory History()
    {
        var services = new ServiceCollection().AddSingleton(_db).BuildServiceProvider();
        return new RegistrationHistory(services, _services.GetRequiredService<IMeterFactory>(), new FakeTimeProvider(Now), NullLogger<RegistrationHistory>.Instance);
    }

    private async Task<long> Scalar(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> Strings(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
