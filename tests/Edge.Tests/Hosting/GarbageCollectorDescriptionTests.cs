using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Tests.Hosting;

public sealed class GarbageCollectorDescriptionTests
{
    [Fact]
    public void Describe_ServerGcWithCappedBudget_NamesHeapsBackgroundAndBudget()
    {
        var gc = new Dictionary<string, object> { ["HeapCount"] = 2L, ["ConcurrentGC"] = true, ["GCGen0MaxBudget"] = 16L * 1024 * 1024 };

        Assert.Equal("server GC, 2 heap(s), background gen2, gen0 budget at most 16 MB", GarbageCollectorDescription.Describe(gc, server: true));
    }

    [Fact]
    public void Describe_RuntimeDefaultBudget_IsNotShown()
    {
        // 200 MB is what the runtime reports when nothing is configured.
        var gc = new Dictionary<string, object> { ["HeapCount"] = 1L, ["ConcurrentGC"] = false, ["GCGen0MaxBudget"] = 200L * 1024 * 1024 };

        Assert.Equal("workstation GC", GarbageCollectorDescription.Describe(gc, server: false));
    }
}
