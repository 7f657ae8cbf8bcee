using System.Text;
using Switchboard.Edge.Signalling;
using Switchboard.Sip;

namespace Switchboard.Edge.Tests.Signalling;

public sealed class RequestAcceptanceTests
{
    [Theory]
    [InlineData("Require: path\r\n")]
    [InlineData("Require: PATH\r\nSupported: 100rel\r\n")]
    [InlineData("Accept: application/sdp;level=1\r\n")]
    [InlineData("Accept: text/html, application/*;q=0.5\r\n")]
    [InlineData("Accept: */*\r\n")]
    [InlineData("Accept: \r\n")]
    [InlineData("Content-Type: Application/SDP; charset=utf-8\r\n")]
    public void Check_InviteWeCanServe_NotRefused(string headers) =>
        Assert.Null(RequestAcceptance.Check(Request("INVITE", headers)));

    [Fact]
    public void Check_UnknownRequiredExtensions_420ListingOnlyThoseWeLack()
    {
        var refusal = RequestAcceptance.Check(Request("OPTIONS", "Require: path, 100rel\r\nRequire: timer\r\n"));

        Assert.Equal(new RequestRefusal(420, KnownHeader.Unsupported, "100rel, timer"), refusal);
    }

    [Theory]
    [InlineData("Content-Type: application/unknownformat\r\n")]
    [InlineData("Content-Type: multipart/mixed;boundary=x\r\n")]
    [InlineData("")]
    public void Check_InviteBodyNotSdp_415WithAccept(string headers) =>
        Assert.Equal(new RequestRefusal(415, KnownHeader.Accept, "application/sdp"), RequestAcceptance.Check(Request("INVITE", headers)));

    [Fact]
    public void Check_InviteAcceptRulesOutSdp_406() =>
        Assert.Equal(406, RequestAcceptance.Check(Request("INVITE", "Accept: text/nobodyKnowsThis\r\n", body: false))?.Status);

    [Fact]
    public void Check_InfoWithItsOwnBody_PassesThrough() =>
        Assert.Null(RequestAcceptance.Check(Request("INFO", "Content-Type: application/dtmf-relay\r\nAccept: text/plain\r\n")));

    [Fact]
    public void Check_AckAndCancel_NeverRefused()
    {
        Assert.Null(RequestAcceptance.Check(Request("ACK", "Require: nothingSupportsThis\r\nContent-Type: text/plain\r\n")));
        Assert.Null(RequestAcceptance.Check(Request("CANCEL", "Require: nothingSupportsThis\r\n", body: false)));
    }

    /// <summary>A request with <paramref name="headers"/>; with a body, a default SDP Content-Type unless one is given.</summary>
    private static SipRequest Request(string method, string headers, bool body = true)
    {
        const string sdp = "v=0\r\n";
        // An empty header list means a body without any Content-Type (§7.4.1).
        var contentType = body && headers.Length > 0 && !headers.Contains("Content-Type", StringComparison.Ordinal)
            ? "Content-Type: application/sdp\r\n"
            : string.Empty;

        var text = $"{method} sip:1002@e2e.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-acc\r\n" +
            "Max-Forwards: 70\r\nTo: <sip:1002@e2e.test>\r\nFrom: <sip:1001@e2e.test>;tag=1\r\nCall-ID: acc@test\r\n" +
            $"CSeq: 1 {method}\r\n{headers}{contentType}Content-Length: {(body ? sdp.Length : 0)}\r\n\r\n{(body ? sdp : string.Empty)}";
        return (SipRequest)new SipParser().ParseDatagram(Encoding.ASCII.GetBytes(text).AsMemory()).Message!;
    }
}
