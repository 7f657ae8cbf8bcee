using Switchboard.Grains.Billing;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tests.Routing;

public sealed class DispositionMapTests
{
    [Theory]
    [InlineData(200, CallDisposition.Answered)]
    [InlineData(202, CallDisposition.Answered)]
    [InlineData(486, CallDisposition.Busy)]
    [InlineData(600, CallDisposition.Busy)]
    [InlineData(603, CallDisposition.Declined)]
    [InlineData(404, CallDisposition.NotFound)]
    [InlineData(484, CallDisposition.NotFound)]
    [InlineData(604, CallDisposition.NotFound)]
    [InlineData(480, CallDisposition.NoAnswer)]
    [InlineData(408, CallDisposition.NoAnswer)]
    [InlineData(487, CallDisposition.Cancelled)]
    [InlineData(402, CallDisposition.Refused)]
    [InlineData(500, CallDisposition.Failed)]
    [InlineData(503, CallDisposition.Failed)]
    [InlineData(488, CallDisposition.Failed)]
    public void FromFinalStatus_MapsStatus(int status, CallDisposition expected)
    {
        Assert.Equal(expected, DispositionMap.FromFinalStatus(status));
    }
}
