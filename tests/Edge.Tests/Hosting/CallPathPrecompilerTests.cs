using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Hosting;

public sealed class CallPathPrecompilerTests
{
    [Fact]
    public async Task Start_CallPathAssemblies_CompilesTheirMethodsAndCompletes()
    {
        var assemblies = CallPathPrecompiler.CallPathAssemblies();

        var precompiler = CallPathPrecompiler.Start(assemblies, threads: 2);
        await precompiler.Completion.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Contains(assemblies, a => a.GetName().Name == "Switchboard.Sip");
        Assert.Contains(assemblies, a => a.GetName().Name == "Switchboard.Edge");
        Assert.Contains(assemblies, a => a.GetName().Name == "Orleans.Core");
        Assert.True(precompiler.Compiled > 2_000, $"{precompiler.Compiled} methods compiled");
        Assert.True(precompiler.Failed * 100 < precompiler.Compiled, $"{precompiler.Failed} of {precompiler.Compiled} failed");
    }

    [Fact]
    public async Task Start_InterfaceAsyncAndSharedGenericMethods_LeavesNothingToCompileForTheFirstCall()
    {
        using var jit = new JitEventRecorder(nameof(PrecompiledSample));
        var types = new[] { typeof(PrecompiledSample) }.Concat(typeof(PrecompiledSample).GetNestedTypes(BindingFlags.NonPublic));

        var precompiler = CallPathPrecompiler.Start(CallPathPrecompiler.MethodsOf(types), threads: 1);
        await precompiler.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        await jit.FlushAsync();
        jit.Clear();

        ISampleCounter counter = new PrecompiledSample();
        var touched = new int[1];
        Assert.Equal(2, await counter.CountAsync(1));
        await counter.TouchAsync(touched);
        Assert.Equal("echo", await counter.EchoAsync("echo"));
        await jit.FlushAsync();

        Assert.Equal(1, touched[0]);

        Assert.Equal(0, precompiler.Failed);
        Assert.True(jit.Compiled.Count == 0, "compiled on first call: " + string.Join(", ", jit.Compiled));
    }

    [Fact]
    public async Task EdgeStart_Precompiling_ListensOnlyOnceTheCallPathIsCompiled()
    {
        await using var edge = await EdgeTestHost.StartAsync(new UnreachableGrainFactory(), new Dictionary<string, string?>
        {
            ["Sip:Precompile"] = "true",
        });

        var precompiler = edge.Host.Services.GetRequiredService<CallPathPrecompiler>();
        Assert.NotSame(CallPathPrecompiler.None, precompiler);
        Assert.True(precompiler.Completion.IsCompletedSuccessfully);
        Assert.True(precompiler.Compiled > 0);
    }
}
