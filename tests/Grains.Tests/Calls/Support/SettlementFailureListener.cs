using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>
/// Counts <c>switchboard.settlement.failures</c> by reason from every silo of the process while it lives. Other
/// test classes run in parallel, so callers assert a lower bound, not an exact count.
/// </summary>
public sealed class SettlementFailureListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public SettlementFailureListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SwitchboardMetrics.MeterName && instrument.Name == "switchboard.settlement.failures")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason" && tag.Value is string reason)
                {
                    _byReason.AddOrUpdate(reason, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    public long Count(string reason) => _byReason.GetValueOrDefault(reason);

    public void Dispose() => _listener.Dispose();
}
