namespace Switchboard.Sip.Tests.Messages;

public class SipMethodTests
{
    [Theory]
    [InlineData("INVITE", SipMethodKind.Invite)]
    [InlineData("ACK", SipMethodKind.Ack)]
    [InlineData("SUBSCRIBE", SipMethodKind.Subscribe)]
    [InlineData("UPDATE", SipMethodKind.Update)]
    [InlineData("invite", SipMethodKind.Extension)]
    [InlineData("FOO", SipMethodKind.Extension)]
    public void Parse_Token_KnownKindOrExtension(string name, SipMethodKind kind)
    {
        var method = SipMethod.Parse(name);

        Assert.Equal(kind, method.Kind);
        Assert.Equal(name, method.Name);
    }

    [Fact]
    public void Equality_ExtensionMethods_CaseSensitive()
    {
        Assert.Equal(SipMethod.Parse("FOO"), SipMethod.Parse("FOO"));
        Assert.NotEqual(SipMethod.Parse("FOO"), SipMethod.Parse("foo"));
        Assert.NotEqual(SipMethod.Invite, SipMethod.Parse("invite"));
        Assert.True(SipMethod.Invite.CanCreateDialog);
        Assert.False(SipMethod.Bye.CanCreateDialog);
    }

    [Fact]
    public void Parse_NonToken_Throws()
    {
        Assert.Throws<ArgumentException>(() => SipMethod.Parse("IN VITE"));
        Assert.False(SipMethod.TryParse("A/B"u8, out _));
    }
}
