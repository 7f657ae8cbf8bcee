using System.Diagnostics.Metrics;
using Switchboard.Telemetry;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// Listens, in-process, to the two latency histograms the charts show: settlement (<c>switchboard.settlement.duration</c>)
/// and every PostgreSQL command Npgsql runs (<c>db.client.operation.duration</c>). These are this silo's own
/// measurements: the same instruments Prometheus scrapes, read here so the page needs no Prometheus server.
/// </summary>
public sealed class LatencyListener : IDisposable
{
    public const string SettlementInstrument = "switchboard.settlement.duration";
    public const string DatabaseInstrument = "db.client.operation.duration";

    private readonly MeterListener _listener = new();

    public LatencyListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (WindowFor(instrument) is { } window)
            {
                listener.EnableMeasurementEvents(instrument, window);
            }
        };
        _listener.SetMeasurementEventCallback<double>(static (instrument, value, _, state) =>
            ((LatencyWindow)state!).Record(instrument.Unit == "s" ? value * 1000 : value));
        _listener.Start();
    }

    public LatencyWindow Settlement { get; } = new();

    public LatencyWindow Database { get; } = new();

    public void Dispose() => _listener.Dispose();

    private LatencyWindow? WindowFor(Instrument instrument) => (instrument.Meter.Name, instrument.Name) switch
    {
        (SwitchboardMetrics.MeterName, SettlementInstrument) => Settlement,
        (SwitchboardTelemetry.NpgsqlMeterName, DatabaseInstrument) => Database,
        _ => null,
    };
}
