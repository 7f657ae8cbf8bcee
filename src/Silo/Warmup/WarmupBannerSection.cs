using System.Globalization;
using System.Text;
using Switchboard.Silo.Hosting;

namespace Switchboard.Silo.Warmup;

/// <summary>Banner line saying whether the call path was warmed before the node started (<see cref="CallPathWarmup"/>).</summary>
public sealed class WarmupBannerSection : IStartupBannerSection
{
    /// <summary>The warm-up's outcome, set before the node starts; null when it did not run.</summary>
    public WarmupResult? Result { get; set; }

    public void Write(StringBuilder banner)
    {
        ArgumentNullException.ThrowIfNull(banner);
        var line = Result switch
        {
            null => "none (Warmup:Calls): the first calls compile the call path",
            { Failure: null } r when r.Completed == r.Placed =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Completed} calls through a private node in {r.Elapsed.TotalSeconds:F1} s, before the listeners opened"),
            var r => string.Create(CultureInfo.InvariantCulture,
                $"incomplete, {r.Completed} of {r.Placed} calls ({r.Failure ?? "some calls failed"}): the first calls compile the rest"),
        };
        banner.AppendLine("  warm-up      " + line);
    }
}
