using System.Diagnostics.Metrics;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Retention;

/// <summary>The purge's instruments on the grains' meter; tags are the data class and a fixed outcome word only.</summary>
public sealed class RetentionMetrics
{
    private readonly Counter<long> _purged;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _anonymised;

    public RetentionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(SwitchboardMetrics.MeterName);
        _purged = meter.CreateCounter<long>("switchboard.retention.purged", "{row}", "Rows deleted by the retention purge, by data class");
        _anonymised = meter.CreateCounter<long>("switchboard.retention.anonymised", "{account}", "Cancelled accounts whose records the purge anonymised");
        _runs = meter.CreateCounter<long>("switchboard.retention.runs", "{run}", "Retention purge runs, by outcome (done, skipped: another silo held the lock, failed)");
    }

    public void Purged(RetentionClass dataClass, long rows) =>
        _purged.Add(rows, new KeyValuePair<string, object?>("class", RetentionSql.Name(dataClass)));

    public void Anonymised(long accounts) => _anonymised.Add(accounts);

    public void Run(string outcome) => _runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
