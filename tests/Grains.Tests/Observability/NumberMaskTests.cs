using Switchboard.Grains.Observability;

namespace Switchboard.Grains.Tests.Observability;

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

    [Fact]
    public void ForLog_InFullOnlyWhenAsked() =>
        Assert.Equal(("1-42@192.0.2.7", "1-42xxxxxxxxxx"), (NumberMask.ForLog("1-42@192.0.2.7", true), NumberMask.ForLog("1-42@192.0.2.7", false)));
}
