namespace Switchboard.Sip.Tests.Headers;

public class KnownHeadersTests
{
    [Theory]
    [InlineData("i", KnownHeader.CallId)]
    [InlineData("m", KnownHeader.Contact)]
    [InlineData("e", KnownHeader.ContentEncoding)]
    [InlineData("l", KnownHeader.ContentLength)]
    [InlineData("c", KnownHeader.ContentType)]
    [InlineData("f", KnownHeader.From)]
    [InlineData("s", KnownHeader.Subject)]
    [InlineData("k", KnownHeader.Supported)]
    [InlineData("t", KnownHeader.To)]
    [InlineData("V", KnownHeader.Via)]
    [InlineData("o", KnownHeader.Event)]
    [InlineData("u", KnownHeader.AllowEvents)]
    [InlineData("r", KnownHeader.ReferTo)]
    [InlineData("b", KnownHeader.ReferredBy)]
    [InlineData("x", KnownHeader.SessionExpires)]
    [InlineData("y", KnownHeader.Identity)]
    [InlineData("call-id", KnownHeader.CallId)]
    [InlineData("CONTACT", KnownHeader.Contact)]
    [InlineData("WWW-Authenticate", KnownHeader.WwwAuthenticate)]
    [InlineData("proxy-authorization", KnownHeader.ProxyAuthorization)]
    [InlineData("P-Asserted-Identity", KnownHeader.PAssertedIdentity)]
    [InlineData("Record-Route", KnownHeader.RecordRoute)]
    [InlineData("Retry-After", KnownHeader.RetryAfter)]
    [InlineData("Referred-By", KnownHeader.ReferredBy)]
    [InlineData("C%6Fntact", KnownHeader.Unknown)]
    [InlineData("X-Custom", KnownHeader.Unknown)]
    public void Identify_LongCompactAnyCase_Resolves(string name, KnownHeader expected)
    {
        Assert.Equal(expected, KnownHeaders.Identify(name));
    }

    [Fact]
    public void Identify_EveryCanonicalName_RoundTrips()
    {
        foreach (var header in Enum.GetValues<KnownHeader>().Where(h => h != KnownHeader.Unknown))
        {
            Assert.Equal(header, KnownHeaders.Identify(KnownHeaders.GetName(header)));
        }
    }

    [Fact]
    public void IsList_AuthenticationHeaders_NotSplit()
    {
        Assert.True(KnownHeaders.IsList(KnownHeader.Via));
        Assert.False(KnownHeaders.IsList(KnownHeader.Authorization));
        Assert.False(KnownHeaders.IsList(KnownHeader.WwwAuthenticate));
    }
}
