using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Tests.Observability;

public sealed class EdgeMetricsTests
{
    [Fact]
    public void MessageIn_UnknownMethodToken_FoldedToExtension()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new EdgeMetrics(services.GetRequiredService<IMeterFactory>());
        var labels = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EdgeMetrics.MeterName && instrument.Name == "switchboard.edge.sip.messages.in")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                labels.Add((string)tag.Value!);
            }
        });
        listener.Start();

        metrics.MessageIn("INVITE");
        metrics.MessageIn("4xx");
        metrics.MessageIn("XQ7RANDOMMETHOD");

        Assert.Equal(["INVITE", "4xx", "extension"], labels);
    }
}
