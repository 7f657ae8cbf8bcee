using System.Diagnostics.Metrics;
using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// Writes registration history off the registration path: the extension grain drops an entry into a bounded
/// in-memory queue (never waits), and this service copies what has gathered into PostgreSQL once a second with
/// one COPY. A full queue drops the newest entries and counts them; a silo crash loses at most the last second.
/// PostgreSQL mode only: the in-memory mode keeps no history (nothing it keeps outlives the process anyway).
/// </summary>
public sealed partial class RegistrationHistory : BackgroundService
{
    internal const int Capacity = 100_000;
    internal const int BatchSize = 5_000;
    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    // FullMode Wait, yet nothing waits: Record only calls TryWrite, which answers false on a full queue. (In the
    // Drop* modes TryWrite answers true for an entry it drops, so the drops could not be counted.)
    private readonly Channel<RegistrationEntry> _queue =
        Channel.CreateBounded<RegistrationEntry>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly NpgsqlDataSource? _db;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistrationHistory> _logger;
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;

    public RegistrationHistory(IServiceProvider services, IMeterFactory meterFactory, TimeProvider time, ILogger<RegistrationHistory> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _db = (NpgsqlDataSource?)services.GetService(typeof(NpgsqlDataSource));
        _time = time;
        _logger = logger;
        var meter = meterFactory.Create(SwitchboardMetrics.MeterName);
        _written = meter.CreateCounter<long>("switchboard.registrations.history.written", "{entry}", "Registration history rows written to PostgreSQL");
        _dropped = meter.CreateCounter<long>("switchboard.registrations.history.dropped", "{entry}", "Registration history entries dropped: queue full or the write failed");
    }

    /// <summary>Queues one entry; never blocks the registration.</summary>
    public void Record(in RegistrationEntry entry)
    {
        if (_db is not null && !_queue.Writer.TryWrite(entry))
        {
            _dropped.Add(1);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_db is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(FlushEvery, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Silo shutting down: one last flush of what is queued.
            await FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>Writes what is queued, in COPY batches; public so tests need not wait for the period.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = new List<RegistrationEntry>();
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count == 0 || _db is null)
            {
                return;
            }

            try
            {
                await using var connection = await _db.OpenConnectionAsync(cancellationToken);
                await using var copy = await connection.BeginBinaryImportAsync(
                    "COPY registration_history (tenant_id, extension, registered_at, source_ip, user_agent, expires) FROM STDIN (FORMAT BINARY)",
                    cancellationToken);
                foreach (var entry in batch)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(entry.TenantId, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(entry.Extension, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(entry.RegisteredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(IPAddress.TryParse(entry.SourceIp, out var ip) ? ip : IPAddress.None, NpgsqlDbType.Inet, cancellationToken);
                    await copy.WriteAsync(entry.UserAgent, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(entry.Expires, NpgsqlDbType.Integer, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
                _written.Add(batch.Count);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                // History, not money: a failed write loses these lines, counted, and the next second writes on.
                _dropped.Add(batch.Count);
                LogWriteFailed(_logger, batch.Count, ex);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} registration history entries could not be written")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
