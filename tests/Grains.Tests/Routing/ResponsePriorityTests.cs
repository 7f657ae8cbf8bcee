using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tests.Routing;

public sealed class ResponsePriorityTests
{
    [Theory]
    [InlineData(new[] { 486, 603, 503 }, 603)]
    [InlineData(new[] { 503, 480 }, 480)]
    [InlineData(new[] { 480, 486, 404 }, 486)]
    [InlineData(new[] { 404, 484 }, 484)]
    [InlineData(new[] { 503, 503 }, 500)]
    [InlineData(new[] { 502, 503 }, 502)]
    [InlineData(new[] { 407 }, 480)]
    [InlineData(new[] { 404, 480 }, 404)]
    public void Best_FollowsRfc3261Section16_7(int[] finals, int expected)
    {
        Assert.Equal(expected, ResponsePriority.Best(finals));
    }

    [Fact]
    public void Best_NoResponses_Is480()
    {
        Assert.Equal(480, ResponsePriority.Best([]));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(486, false)]
    [InlineData(404, false)]
    [InlineData(603, false)]
    public void IsFailover_ServerErrorsAndTimeouts(int status, bool expected)
    {
        Assert.Equal(expected, ResponsePriority.IsFailover(status));
    }
}
