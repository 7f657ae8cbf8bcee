using System.Runtime;
using System.Text;

namespace Switchboard.Edge.Hosting;

/// <summary>
/// Names the garbage collector the process really runs. Silo.csproj ships server GC with a capped gen0 budget, which
/// decides the set-up p99 and the rate a node sustains, and Edge.csproj server GC; a <c>DOTNET_gcServer</c> or
/// <c>DOTNET_GCGen0MaxBudget</c> in the environment overrides them and would otherwise leave no trace. The silo
/// prints it in its start-up banner, a standalone edge logs it.
/// </summary>
public static class GarbageCollectorDescription
{
    public static string Current() => Describe(GC.GetConfigurationVariables(), GCSettings.IsServerGC);

    internal static string Describe(IReadOnlyDictionary<string, object> gc, bool server)
    {
        var text = new StringBuilder(server ? "server GC" : "workstation GC");
        if (server && gc.TryGetValue("HeapCount", out var heaps))
        {
            text.Append($", {heaps} heap(s)");
        }

        if (gc.TryGetValue("ConcurrentGC", out var concurrent) && concurrent is true)
        {
            text.Append(", background gen2");
        }

        // The runtime reports its built-in ceiling (200 MB) when nothing is configured, so only a smaller one is news.
        if (gc.TryGetValue("GCGen0MaxBudget", out var budget) && budget is long bytes && bytes is > 0 and < 200L * 1024 * 1024)
        {
            text.Append($", gen0 budget at most {bytes / (1024 * 1024)} MB");
        }

        return text.ToString();
    }
}
