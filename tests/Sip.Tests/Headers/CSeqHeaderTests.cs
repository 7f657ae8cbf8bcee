namespace Switchboard.Sip.Tests.Headers;

public class CSeqHeaderTests
{
    [Theory]
    [InlineData("4711 INVITE", 4711)]
    [InlineData("  0009\r\n  INVITE ", 9)]
    [InlineData("2147483647 INVITE", 2147483647)]
    public void TryParse_Valid_NumberAndMethod(string text, long number)
    {
        Assert.True(CSeqHeader.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var cseq));
        Assert.Equal(number, cseq.Number);
        Assert.Equal(SipMethod.Invite, cseq.Method);
    }

    [Theory]
    [InlineData("2147483648 INVITE")]
    [InlineData("-1 INVITE")]
    [InlineData("INVITE")]
    [InlineData("1")]
    [InlineData("1 IN VITE")]
    public void TryParse_Invalid_False(string text)
    {
        Assert.False(CSeqHeader.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out _));
    }
}
