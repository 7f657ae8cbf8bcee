using System.Text;

namespace Switchboard.Sip.Tests.Headers;

public class ContactHeaderTests
{
    [Fact]
    public void TryParse_Star_IsWildcard()
    {
        Assert.True(ContactHeader.TryParse(" * "u8, out var c));
        Assert.True(c.IsWildcard);
        Assert.Null(c.Expires);
        Assert.Equal("*", c.ToString());
    }

    [Fact]
    public void TryParse_OutboundContact_ExpiresAndInstance()
    {
        var text = "<sip:2002@[2001:db8::23]:50602;transport=tcp;ob>;expires=3600;reg-id=1;+sip.instance=\"<urn:uuid:5b7e3f2a-1c4d-4e8f-9a0b-6c2d1e3f4a5b>\"";

        Assert.True(ContactHeader.TryParse(Encoding.ASCII.GetBytes(text), out var c));
        Assert.Equal(3600, c.Expires);
        Assert.Equal("<urn:uuid:5b7e3f2a-1c4d-4e8f-9a0b-6c2d1e3f4a5b>", c.Instance);
        Assert.True(c.Uri!.Parameters.Contains("ob"));
        Assert.Equal("[2001:db8::23]", c.Uri.Host);
    }

    [Fact]
    public void Message_ContactList_SplitOnCommasOutsideAnglesAndQuotes()
    {
        var bytes = Encoding.ASCII.GetBytes(
            "REGISTER sip:r.example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@r.example.com>;tag=1\r\nTo: <sip:a@r.example.com>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
            + "Contact: \"A, B\" <sip:a,x@h1>;expires=60, <sip:a@h2>;q=0.5\r\nm: <sip:a@h3>\r\nContent-Length: 0\r\n\r\n");

        using var m = new SipParser().ParseDatagram(bytes.AsMemory()).Message!;

        Assert.Equal(["h1", "h2", "h3"], m.Contacts.Select(c => c.Uri!.Host).ToArray());
        Assert.Equal("A, B", m.Contacts[0].Address!.DisplayName);
        Assert.Equal(60, m.Contacts[0].Expires);
        Assert.Null(m.Validate());
    }
}
