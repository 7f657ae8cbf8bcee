using Switchboard.Edge.Calls;

namespace Switchboard.Edge.Tests.Calls;

public sealed class PartyStringsTests
{
    [Fact]
    public void Share_EqualValuesFromTwoMessages_OneInstance()
    {
        // Two INVITEs parsed apart give equal but distinct strings; a call keeps the shared one.
        var first = new string("sip:2001@198.51.100.7:5060;transport=UDP".AsSpan());
        var second = new string("sip:2001@198.51.100.7:5060;transport=UDP".AsSpan());
        Assert.NotSame(first, second);

        Assert.Same(PartyStrings.Share(first), PartyStrings.Share(second));
        Assert.Null(PartyStrings.ShareOrNull(null));
    }
}
