using Switchboard.Silo.Ops.Charts;

namespace Switchboard.Silo.Tests.Ops.Charts;

public sealed class OpsChartOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Validate_PeriodOutOfRange_NamesTheKey(int seconds)
    {
        Assert.Contains("Ops:ChartSampleSeconds", new OpsChartOptions { ChartSampleSeconds = seconds }.Validate());
    }

    [Fact]
    public void Validate_Default_Valid()
    {
        Assert.Null(new OpsChartOptions().Validate());
    }
}
