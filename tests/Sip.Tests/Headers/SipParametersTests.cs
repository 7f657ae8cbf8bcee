namespace Switchboard.Sip.Tests.Headers;

public class SipParametersTests
{
    [Fact]
    public void Set_ExistingNameAnyCase_ReplacedInPlace()
    {
        var p = new SipParameters();
        p.Add("branch", "z9hG4bK1");
        p.Add("rport");
        p.Set("RPORT", "5060");

        Assert.Equal(2, p.Count);
        Assert.Equal("5060", p["rport"]);
        Assert.Equal(";branch=z9hG4bK1;rport=5060", p.ToString());
    }

    [Fact]
    public void Remove_AndFlags_BehaveAsDocumented()
    {
        var p = new SipParameters();
        p.Add("lr");

        Assert.True(p.TryGetValue("LR", out var v));
        Assert.Null(v);
        Assert.True(p.Remove("lr"));
        Assert.False(p.Contains("lr"));
    }
}
