using Switchboard.Grains.Indexing;

namespace Switchboard.Grains.Tests.Indexing;

public sealed class SortedIdsTests
{
    [Fact]
    public void With_NewId_InsertsInOrdinalOrderWithoutTouchingTheOriginal()
    {
        List<string> ids = ["a", "c"];

        var after = SortedIds.With(ids, "B");

        Assert.Equal(["B", "a", "c"], after);
        Assert.Equal(["a", "c"], ids);
    }

    [Fact]
    public void With_PresentId_ReturnsNull()
    {
        Assert.Null(SortedIds.With(["a", "b"], "b"));
    }

    [Fact]
    public void Without_PresentOrAbsent_RemovesOrReturnsNull()
    {
        Assert.Equal(["a"], SortedIds.Without(["a", "b"], "b"));
        Assert.Null(SortedIds.Without(["a"], "z"));
    }

    [Theory]
    [InlineData(0, 2, "a,b")]
    [InlineData(2, 2, "c")]
    [InlineData(3, 2, "")]
    [InlineData(-1, 2, "")]
    [InlineData(0, 0, "")]
    [InlineData(1, int.MaxValue, "b,c")]
    public void Page_OffsetAndLimit_AreClamped(int offset, int limit, string expected)
    {
        Assert.Equal(expected, string.Join(',', SortedIds.Page(["a", "b", "c"], offset, limit)));
    }
}
