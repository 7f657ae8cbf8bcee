using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Tests.Telemetry;

public sealed class NumberMaskTests
{
    [Theory]
    [InlineData("4930123456", "4930xxxxxx")]
    [InlineData("+4930123456", "+493xxxxxxx")]
    [InlineData("1001", "10xx")]
    [InlineData("100", "1xx")]
    [InlineData("7", "x")]
    [InlineData("", "")]
    [InlineData("alice", "alxxx")]
    public void Mask_KeepsAtMostFourLeadingCharactersAndNeverHalf(string number, string shown) =>
        Assert.Equal(shown, NumberMask.Mask(number));
}
