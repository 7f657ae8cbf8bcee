using System.Text;

namespace Switchboard.Sip.Tests.Serialization;

public class SipRequestBuilderTests
{
    [Fact]
    public void Build_B2buaLeg_MandatoryHeadersInRfcShape()
    {
        var builder = new SipRequestBuilder(SipMethod.Invite, SipUri.Parse("sip:+14155550123@carrier.example.net;user=phone"))
            .AddVia("TCP", "203.0.113.10", 5060)
            .WithFrom(new NameAddress(SipUri.Parse("sip:2001@switchboard.example"), "Front Desk") { Tag = "f1" })
            .WithTo(NameAddress.Parse("<sip:+14155550123@carrier.example.net;user=phone>"))
            .WithCallId("leg-b-1@switchboard")
            .WithCSeq(42)
            .AddContact(ContactHeader.For(NameAddress.Parse("<sip:b2bua@203.0.113.10;transport=tcp>")))
            .AddRoute(NameAddress.Parse("<sip:sbc1.carrier.example.net;lr>"))
            .AddRoute(NameAddress.Parse("<sip:sbc2.carrier.example.net;lr>"))
            .AddHeader(KnownHeader.Supported, "timer");

        using var r = builder.Build();

        Assert.StartsWith("INVITE sip:+14155550123@carrier.example.net;user=phone SIP/2.0\r\n", r.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(ViaHeader.MagicCookie, r.TopVia!.Branch);
        Assert.True(r.TopVia.HasRPort);
        Assert.Equal(70, r.MaxForwards);
        Assert.Equal(("Front Desk", "f1"), (r.From.DisplayName, r.From.Tag));
        Assert.Null(r.To.Tag);
        Assert.Equal(new CSeqHeader(42, SipMethod.Invite), r.CSeq);
        Assert.Equal(["sbc1.carrier.example.net", "sbc2.carrier.example.net"], r.Routes.Select(x => x.Uri.Host).ToArray());
        Assert.Equal(["timer"], r.Supported);
        Assert.Equal(0, r.ContentLength);
    }

    [Fact]
    public void Build_CancelReusesBranchAndCSeqNumber()
    {
        var cancel = new SipRequestBuilder(SipMethod.Cancel, SipUri.Parse("sip:bob@example.com"))
            .AddVia("UDP", "10.0.0.1", null, "z9hG4bKorig", rport: false)
            .WithFrom(NameAddress.Parse("<sip:a@example.com>;tag=1"))
            .WithTo(NameAddress.Parse("<sip:bob@example.com>"))
            .WithCallId("c")
            .WithCSeq(7);

        using var r = cancel.Build();

        Assert.Equal("z9hG4bKorig", r.TopVia!.Branch);
        Assert.False(r.TopVia.HasRPort);
        Assert.Equal(new CSeqHeader(7, SipMethod.Cancel), r.CSeq);
    }

    [Fact]
    public void TryWriteTo_CallerMemory_WritesInPlaceOrReportsTooSmall()
    {
        var builder = new SipRequestBuilder(SipMethod.Options, SipUri.Parse("sip:x@example.com"))
            .AddVia("UDP", "h", null, "z9hG4bK1").WithFrom(NameAddress.Parse("<sip:a@example.com>;tag=1"))
            .WithTo(NameAddress.Parse("<sip:x@example.com>")).WithCallId("c");
        var expected = builder.ToArray();
        var buffer = new byte[2048];

        Assert.True(builder.TryWriteTo(buffer, out int written));
        Assert.Equal(expected, buffer[..written]);
        Assert.False(builder.TryWriteTo(new byte[expected.Length - 1], out int none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void WriteTo_MissingFrom_ThrowsAsProgrammingError()
    {
        var builder = new SipRequestBuilder(SipMethod.Options, SipUri.Parse("sip:x@example.com")).AddVia("UDP", "h", null).WithCallId("c");

        Assert.Throws<InvalidOperationException>(() => builder.ToArray());
    }

    [Fact]
    public void IdGenerator_Values_RandomAndWellFormed()
    {
        var tags = Enumerable.Range(0, 1000).Select(_ => SipIdGenerator.NewTag()).ToHashSet();
        Assert.Equal(1000, tags.Count);
        Assert.All(tags, t => Assert.Equal(16, t.Length));
        Assert.Matches("^z9hG4bK[0-9a-f]{24}$", SipIdGenerator.NewBranch());
        Assert.EndsWith("@edge.example", SipIdGenerator.NewCallId("edge.example"), StringComparison.Ordinal);
        Assert.True(SipSyntaxIsWord(SipIdGenerator.NewCallId()));
    }

    private static bool SipSyntaxIsWord(string callId) => callId.All(char.IsAsciiLetterOrDigit);
}
