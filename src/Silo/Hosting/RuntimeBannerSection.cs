using System.Text;
using Switchboard.Edge.Hosting;

namespace Switchboard.Silo.Hosting;

/// <summary>Banner line naming the garbage collector in force (<see cref="GarbageCollectorDescription"/>).</summary>
public sealed class RuntimeBannerSection : IStartupBannerSection
{
    public void Write(StringBuilder banner) => banner.AppendLine($"  runtime      {GarbageCollectorDescription.Current()}");
}
