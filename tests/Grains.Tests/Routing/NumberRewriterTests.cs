using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tests.Routing;

public sealed class NumberRewriterTests
{
    [Theory]
    [InlineData("004930123456", "4930123456")]
    [InlineData("030123456", "4930123456")]
    [InlineData("4930123456", "4930123456")]
    public void Apply_FirstMatchingRule_Wins(string dialled, string expected)
    {
        NumberRewriteRule[] rules = [new("00", ""), new("0", "49")];

        Assert.Equal(expected, NumberRewriter.Apply(rules, dialled));
    }

    [Fact]
    public void Apply_EmptyPrefix_PrependsToEveryNumber()
    {
        Assert.Equal("1234#4930123", NumberRewriter.Apply([new("", "1234#")], "4930123"));
    }

    [Fact]
    public void Apply_NoRules_LeavesNumber()
    {
        Assert.Equal("4930123", NumberRewriter.Apply([], "4930123"));
    }

    [Theory]
    [InlineData("+49 30 123-456", "4930123456")]
    [InlineData("(030) 123.456", "030123456")]
    [InlineData("1002", "1002")]
    public void ToBillingDestination_DropsPlusAndSeparators(string dialled, string expected)
    {
        Assert.Equal(expected, NumberRewriter.ToBillingDestination(dialled));
    }
}
