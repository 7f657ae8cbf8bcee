using System.Text;

namespace Switchboard.Silo.Hosting;

/// <summary>A part of the start-up banner contributed by a feature (the edge, the demo tenant, the admin key).</summary>
public interface IStartupBannerSection
{
    void Write(StringBuilder banner);
}
