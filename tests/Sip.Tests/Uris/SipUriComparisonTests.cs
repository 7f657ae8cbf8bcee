namespace Switchboard.Sip.Tests.Uris;

/// <summary>The equivalence examples of RFC 3261 §19.1.4.</summary>
public class SipUriComparisonTests
{
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    public void IsEquivalentTo_Rfc3261EquivalentPairs_True(string a, string b)
    {
        Assert.True(SipUri.Parse(a).IsEquivalentTo(SipUri.Parse(b)));
        Assert.True(SipUri.Parse(b).IsEquivalentTo(SipUri.Parse(a)));
    }

    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:alice@atlanta.com", "sips:alice@atlanta.com")]
    public void IsEquivalentTo_Rfc3261DifferentPairs_False(string a, string b)
    {
        Assert.False(SipUri.Parse(a).IsEquivalentTo(SipUri.Parse(b)));
    }
}
