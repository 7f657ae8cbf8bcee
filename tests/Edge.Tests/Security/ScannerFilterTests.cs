using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Security;

namespace Switchboard.Edge.Tests.Security;

public sealed class ScannerFilterTests
{
    private static readonly ScannerFilter Defaults = new(Options.Create(new SecurityOptions()));

    [Theory]
    [InlineData("friendly-scanner")]
    [InlineData("FRIENDLY-SCANNER")]
    [InlineData("sipvicious 0.3.3")]
    [InlineData("SIPVicious")]
    [InlineData("sipcli/v1.8")]
    [InlineData("VaxSIPUserAgent/3.1")]
    [InlineData("sundayddr")]
    [InlineData("iWar")]
    [InlineData("SIVuS")]
    [InlineData("pplsip")]
    public void IsScanner_KnownScannerAnyCase_True(string userAgent)
    {
        Assert.True(Defaults.IsScanner(Encoding.ASCII.GetBytes(userAgent)));
    }

    [Theory]
    [InlineData("Linphone/5.2.0 (belle-sip/5.2.0)")]
    [InlineData("Yealink SIP-T46S 66.86.0.15")]
    [InlineData("PolycomVVX-VVX_450-UA/6.4.3")]
    [InlineData("")]
    [InlineData("iWa")]
    public void IsScanner_PhonesAndShortValues_False(string userAgent)
    {
        Assert.False(Defaults.IsScanner(Encoding.ASCII.GetBytes(userAgent)));
    }

    [Fact]
    public void IsScanner_ConfiguredList_ReplacesTheDefaults_AndEmptyTurnsItOff()
    {
        var own = new ScannerFilter(Options.Create(new SecurityOptions { ScannerUserAgents = ["EvilDialer"] }));
        var off = new ScannerFilter(Options.Create(new SecurityOptions { ScannerUserAgents = [] }));

        Assert.True(own.IsScanner("x evildialer 2"u8));
        Assert.False(own.IsScanner("friendly-scanner"u8));
        Assert.False(off.IsScanner("friendly-scanner"u8));
    }

    [Fact]
    public void IsScanner_DoesNotAllocate()
    {
        var userAgent = "Yealink SIP-T46S 66.86.0.15 with a long tail of text"u8.ToArray();
        Defaults.IsScanner(userAgent);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Defaults.IsScanner(userAgent);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
