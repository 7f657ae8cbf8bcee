using System.Text;
using Switchboard.Sip.Auth;

namespace Switchboard.Sip.Tests.Auth;

public class DigestCredentialsParserTests
{
    // RFC 7616 §3.9.1, SHA-256 request, with SIP-style spacing.
    private const string Rfc7616Sha256 =
        "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=SHA-256, " +
        "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", " +
        "qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", " +
        "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    private static string Text(ReadOnlyMemory<byte> value) => Encoding.UTF8.GetString(value.Span);

    [Fact]
    public void TryParse_Rfc7616Example_ExtractsEveryDirective()
    {
        Assert.True(DigestCredentials.TryParse(Rfc7616Sha256, out var c, out var failure));
        Assert.Equal(DigestVerifyOutcome.Ok, failure);
        Assert.Equal("Mufasa", c.GetUsername());
        Assert.Equal("http-auth@example.org", c.GetRealm());
        Assert.Equal("/dir/index.html", Text(c.Uri));
        Assert.Equal(DigestAlgorithm.Sha256, c.Algorithm);
        Assert.Equal("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", Text(c.Nonce));
        Assert.Equal(1u, c.NonceCount);
        Assert.Equal("00000001", Text(c.NonceCountText));
        Assert.Equal("auth", Text(c.Qop));
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", Text(c.Opaque));
    }

    [Fact]
    public void TryParse_NoAlgorithm_DefaultsToMd5()
    {
        var value = DigestTestClient.Authorization("n", DigestAlgorithm.Md5, sendAlgorithm: false);
        Assert.True(DigestCredentials.TryParse(value, out var c, out _));
        Assert.Equal(DigestAlgorithm.Md5, c.Algorithm);
    }

    [Fact]
    public void TryParse_SchemeAndNamesInOtherCase_Accepted()
    {
        var value = "dIGEST USERNAME=\"a\",Realm=\"r\" ,NONCE=\"n\",  uri=\"sip:r\",response=\"00112233445566778899aabbccddeeff\"";
        Assert.True(DigestCredentials.TryParse(value, out var c, out _));
        Assert.Equal("a", c.GetUsername());
        Assert.Equal(0u, c.NonceCount);
    }

    [Fact]
    public void TryParse_QuotedPairInUsername_Unescapes()
    {
        var value = "Digest username=\"a\\\"b\\\\c\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"";
        Assert.True(DigestCredentials.TryParse(value, out var c, out _));
        Assert.Equal("a\"b\\c", c.GetUsername());
    }

    [Fact]
    public void TryParse_UnknownAuthParam_Ignored()
    {
        var value = DigestTestClient.Authorization("n", DigestAlgorithm.Md5) + ", x-vendor=\"1\"";
        Assert.True(DigestCredentials.TryParse(value, out _, out _));
    }

    [Theory]
    [InlineData("SHA-512-256")]
    [InlineData("MD5-sess")]
    [InlineData("SHA-256-sess")]
    public void TryParse_UnofferedAlgorithm_UnknownAlgorithm(string algorithm)
    {
        var value = $"Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", algorithm={algorithm}";
        Assert.False(DigestCredentials.TryParse(value, out _, out var failure));
        Assert.Equal(DigestVerifyOutcome.UnknownAlgorithm, failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")]
    [InlineData("Digest")]
    [InlineData("Digestusername=\"a\"")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"")]
    [InlineData("Digest username=\"a\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", response=\"00112233445566778899aabbccddeeff\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\"")]
    [InlineData("Digest username=\"a\", username=\"b\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"")]
    [InlineData("Digest username=\"a, realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"")]
    [InlineData("Digest username=\"a\" realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"0011\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", algorithm=SHA-256")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", qop=auth, cnonce=\"c\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", qop=auth, nc=00000001")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", qop=auth, nc=0000001, cnonce=\"c\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", qop=auth, nc=00000000, cnonce=\"c\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", qop=auth, nc=0000000g, cnonce=\"c\"")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\", userhash=true")]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\",")]
    [InlineData("Digest username=\"a\\\r\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"00112233445566778899aabbccddeeff\"")]
    public void TryParse_InvalidValue_Malformed(string value)
    {
        Assert.False(DigestCredentials.TryParse(value, out _, out var failure));
        Assert.Equal(DigestVerifyOutcome.Malformed, failure);
    }

    [Fact]
    public void TryParse_OverLongValue_MalformedBeforeScanning()
    {
        var value = "Digest username=\"" + new string('a', DigestCredentialsParser.MaxValueLength) + "\"";
        Assert.False(DigestCredentials.TryParse(value, out _, out var failure));
        Assert.Equal(DigestVerifyOutcome.Malformed, failure);
    }

    [Fact]
    public void TryParse_EveryPrefixOfValidValue_OnlyCompleteDirectiveSetsParse()
    {
        var bytes = Encoding.UTF8.GetBytes(Rfc7616Sha256);

        // The only proper prefix that is a complete digest-response ends right after the response directive
        // (everything mandatory is present and the trailing opaque is optional).
        var responseEnd = Rfc7616Sha256.IndexOf("6c1\"", StringComparison.Ordinal) + 4;
        for (var length = 0; length < bytes.Length; length++)
        {
            var ok = DigestCredentialsParser.TryParse(bytes.AsMemory(0, length), out _, out var failure);
            Assert.Equal(length == responseEnd, ok);
            Assert.Equal(ok ? DigestVerifyOutcome.Ok : DigestVerifyOutcome.Malformed, failure);
        }

        Assert.True(DigestCredentialsParser.TryParse(bytes, out _, out _));
    }

    [Fact]
    public void TryParse_SeededMutations_OnlyTypedResults()
    {
        var original = Encoding.UTF8.GetBytes(Rfc7616Sha256);
        var random = new Random(7616);
        for (var i = 0; i < 5000; i++)
        {
            var mutated = (byte[])original.Clone();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            var ok = DigestCredentialsParser.TryParse(mutated, out var c, out var failure);
            Assert.True(ok ? failure == DigestVerifyOutcome.Ok && !c.Nonce.IsEmpty : failure is DigestVerifyOutcome.Malformed or DigestVerifyOutcome.UnknownAlgorithm);
        }
    }

    [Fact]
    public void TryParse_SpanOfHeaderValue_CopiesSoCredentialsOutliveTheBuffer()
    {
        var buffer = Encoding.UTF8.GetBytes(Rfc7616Sha256);
        Assert.True(DigestCredentials.TryParse(new ReadOnlySpan<byte>(buffer), out var c, out _));
        Array.Clear(buffer);
        Assert.Equal("Mufasa", c.GetUsername());
    }
}
