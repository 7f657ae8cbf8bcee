using System.Reflection;
using System.Runtime.CompilerServices;

namespace Switchboard.Edge.Hosting;

/// <summary>
/// Compiles the methods of the call path's assemblies in the background from process start, and the edge opens its
/// SIP listeners only when that is done. Without it the first calls after a start waited while every method on their
/// path was compiled (about 1,800 methods), which made the first seconds' p99. With tiered compilation (the runtime's
/// default) this compiles each method's first tier; the runtime recompiles the hot ones optimised, on a worker thread,
/// while the calls run. What stays for first use: generic instantiations, whose type arguments only the running code
/// knows.
/// </summary>
public sealed class CallPathPrecompiler
{
    private static readonly BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private int _compiled;
    private int _failed;

    private CallPathPrecompiler(Task completion) => Completion = completion;

    private CallPathPrecompiler() => Completion = Task.CompletedTask;

    /// <summary>Nothing to compile: for a node configured without it (<c>Sip:Precompile=false</c>) and for tests.</summary>
    public static CallPathPrecompiler None { get; } = new();

    /// <summary>Done compiling; it never faults.</summary>
    public Task Completion { get; }

    public int Compiled => Volatile.Read(ref _compiled);

    /// <summary>Methods the runtime would not compile ahead (their first call compiles or fails them as it would anyway).</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>
    /// The assemblies a call runs through that this process has: SIP, edge, grain contracts and, in a silo, the
    /// grains and the Orleans runtime. Not Npgsql: the database is reached once per batch, not once per call.
    /// </summary>
    public static IReadOnlyCollection<Assembly> CallPathAssemblies()
    {
        string[] names =
        [
            "Switchboard.Sip", "Switchboard.Edge", "Switchboard.Grains.Abstractions", "Switchboard.Grains",
            "Orleans.Core", "Orleans.Serialization", "Orleans.Runtime",
        ];
        var assemblies = new List<Assembly>(names.Length);
        foreach (var name in names)
        {
            try
            {
                assemblies.Add(Assembly.Load(name));
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // A standalone edge has no grains and no Orleans runtime.
            }
        }

        return assemblies;
    }

    /// <summary>Starts compiling on <paramref name="threads"/> background threads.</summary>
    public static CallPathPrecompiler Start(IReadOnlyCollection<Assembly> assemblies, int threads)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var methods = assemblies.SelectMany(MethodsOf).ToArray();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var precompiler = new CallPathPrecompiler(started.Task);
        var workers = Math.Clamp(threads, 1, Environment.ProcessorCount);
        var remaining = workers;
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            var thread = new Thread(() =>
            {
                for (var i = worker; i < methods.Length; i += workers)
                {
                    precompiler.Compile(methods[i]);
                }

                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    started.TrySetResult();
                }
            })
            {
                IsBackground = true,
                Name = "precompile-" + worker,
            };
            thread.Start();
        }

        return precompiler;
    }

    private void Compile(RuntimeMethodHandle method)
    {
        try
        {
            RuntimeHelpers.PrepareMethod(method);
            Interlocked.Increment(ref _compiled);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    private static List<RuntimeMethodHandle> MethodsOf(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types;
        }

        var methods = new List<RuntimeMethodHandle>();
        foreach (var type in types)
        {
            if (type is null || type.ContainsGenericParameters)
            {
                continue;
            }

            try
            {
                foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
                {
                    if (!method.IsAbstract && !method.ContainsGenericParameters
                        && (method.MethodImplementationFlags & MethodImplAttributes.InternalCall) == 0
                        && method.GetMethodBody() is not null)
                    {
                        methods.Add(method.MethodHandle);
                    }
                }
            }
            catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or BadImageFormatException)
            {
                // A type whose dependencies are not deployed is never called either.
            }
        }

        return methods;
    }
}
