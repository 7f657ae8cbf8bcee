using System.Text;
using Switchboard.Silo.Warmup;

namespace Switchboard.Silo.Tests.Warmup;

public sealed class WarmupBannerSectionTests
{
    [Fact]
    public void Write_NotRun_SaysNoneAndWhichSetting()
    {
        Assert.Equal("  warm-up      none (Warmup:Calls): the first calls compile the call path", Render(null));
    }

    [Fact]
    public void Write_EveryCallCompleted_SaysHowManyAndHowLong()
    {
        var result = new WarmupResult(400, 400, TimeSpan.FromSeconds(4.26), 5000, null);

        Assert.Equal("  warm-up      400 calls through a private node in 4.3 s, before the listeners opened", Render(result));
    }

    [Fact]
    public void Write_Failed_SaysWhatCompletedAndWhy()
    {
        var result = new WarmupResult(12, 10, TimeSpan.FromSeconds(45), 100, "did not finish within 45 s");

        Assert.Equal("  warm-up      incomplete, 10 of 12 calls (did not finish within 45 s): the first calls compile the rest", Render(result));
    }

    private static string Render(WarmupResult? result)
    {
        var banner = new StringBuilder();
        new WarmupBannerSection { Result = result }.Write(banner);
        return banner.ToString().TrimEnd('\r', '\n');
    }
}
