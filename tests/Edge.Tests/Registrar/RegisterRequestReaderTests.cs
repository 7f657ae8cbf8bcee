using System.Net;
using System.Text;
using Switchboard.Edge.Registrar;
using Switchboard.Grains.Edges;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Tests.Registrar;

public sealed class RegisterRequestReaderTests
{
    private static readonly SipEndPoint Nat = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("203.0.113.9"), 61000));

    [Fact]
    public void Read_SeveralContacts_KeepsExpiresQInstanceAndRegId()
    {
        var request = Parse(
            "Contact: <sip:1001@10.0.0.5:5060>;expires=120;q=0.7\r\n" +
            "Contact: <sip:1001@10.0.0.6:5062>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1\r\n" +
            "Expires: 600\r\n");

        var register = RegisterRequestReader.Read(request, Nat, "edge-a");

        Assert.Equal(2, register.Contacts.Count);
        Assert.Equal("sip:1001@10.0.0.5:5060", register.Contacts[0].Uri);
        Assert.Equal(120, register.Contacts[0].Expires);
        Assert.Equal(0.7m, register.Contacts[0].Q);
        Assert.Null(register.Contacts[1].Expires);
        Assert.Equal("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>", register.Contacts[1].InstanceId);
        Assert.Equal(1, register.Contacts[1].RegId);
        Assert.Equal(600, register.Expires);
        Assert.False(register.Wildcard);
    }

    [Fact]
    public void Read_BehindNat_RecordsReceivedSourceNotContact()
    {
        var register = RegisterRequestReader.Read(Parse("Contact: <sip:1001@10.0.0.5:5060>\r\n"), Nat, "edge-a");

        Assert.Equal(new TransportAddress(SipTransport.Udp, "203.0.113.9", 61000), register.Source);
        Assert.Equal("edge-a", register.EdgeId);
    }

    [Fact]
    public void Read_WildcardWithExpiresZero_IsRemoveAll()
    {
        var register = RegisterRequestReader.Read(Parse("Contact: *\r\nExpires: 0\r\n"), Nat, "edge-a");

        Assert.True(register.Wildcard);
        Assert.Empty(register.Contacts);
        Assert.Equal(0, register.Expires);
    }

    [Fact]
    public void Read_NoContact_IsQuery()
    {
        var register = RegisterRequestReader.Read(Parse(string.Empty), Nat, "edge-a");

        Assert.Empty(register.Contacts);
        Assert.False(register.Wildcard);
        Assert.Null(register.Expires);
    }

    [Fact]
    public void Read_PathHeaders_KeptInOrder()
    {
        var register = RegisterRequestReader.Read(Parse("Path: <sip:p1.example.net;lr>\r\nPath: <sip:p2.example.net;lr>\r\nContact: <sip:1001@10.0.0.5>\r\n"), Nat, "edge-a");

        Assert.Equal(["<sip:p1.example.net;lr>", "<sip:p2.example.net;lr>"], register.Path);
    }

    private static SipRequest Parse(string headers)
    {
        var text = "REGISTER sip:e2e.test SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK776asdhds\r\n" +
            "Max-Forwards: 70\r\nTo: <sip:1001@e2e.test>\r\nFrom: <sip:1001@e2e.test>;tag=456248\r\n" +
            "Call-ID: 843817637684230@998sdasdh09\r\nCSeq: 1826 REGISTER\r\n" + headers + "Content-Length: 0\r\n\r\n";
        return (SipRequest)new SipParser().ParseDatagram(Encoding.ASCII.GetBytes(text).AsMemory()).Message!;
    }
}
