using Switchboard.Silo.Ops.Charts;

namespace Switchboard.Silo.Tests.Ops.Charts;

public sealed class LatencyWindowTests
{
    [Fact]
    public void Drain_NothingRecorded_Null()
    {
        Assert.Null(new LatencyWindow().Drain());
    }

    [Fact]
    public void Drain_ThreeMeasurements_CountMeanMaxThenEmpty()
    {
        var window = new LatencyWindow();
        window.Record(10);
        window.Record(20);
        window.Record(60);

        Assert.Equal(new LatencyPoint(3, 30, 60), window.Drain());
        Assert.Null(window.Drain());
    }

    [Fact]
    public void Record_NegativeOrNotFinite_Ignored()
    {
        var window = new LatencyWindow();
        window.Record(-1);
        window.Record(double.NaN);
        window.Record(double.PositiveInfinity);
        window.Record(4);

        Assert.Equal(new LatencyPoint(1, 4, 4), window.Drain());
    }
}
