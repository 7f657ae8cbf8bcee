using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Tests.Security;

/// <summary>Listens to the edges' security instruments in this process while a test runs.</summary>
public sealed class SecurityMetricsListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _dropped = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> _active = new();
    private long _issued;

    public SecurityMetricsListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EdgeMetrics.MeterName && instrument.Name.StartsWith("switchboard.edge.security.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "switchboard.edge.security.dropped")
            {
                foreach (var tag in tags)
                {
                    _dropped.AddOrUpdate((string)tag.Value!, value, (_, sum) => sum + value);
                }
            }
            else if (instrument.Name == "switchboard.edge.security.bans.issued")
            {
                Interlocked.Add(ref _issued, value);
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "switchboard.edge.security.bans.active")
            {
                _active.Enqueue(value);
            }
        });
        _listener.Start();
    }

    public long BansIssued => Interlocked.Read(ref _issued);

    public long Dropped(string reason) => _dropped.GetValueOrDefault(reason);

    /// <summary>The active-bans gauge of every edge in this process, read now.</summary>
    public IReadOnlyList<long> ActiveBansPerEdge()
    {
        _active.Clear();
        _listener.RecordObservableInstruments();
        return [.. _active];
    }

    public void Dispose() => _listener.Dispose();
}
