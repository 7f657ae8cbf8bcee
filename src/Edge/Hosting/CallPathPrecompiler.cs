using System.Reflection;
using System.Runtime.CompilerServices;

namespace Switchboard.Edge.Hosting;

/// <summary>
/// Compiles the methods of the call path's assemblies in the background from process start, and the edge opens its
/// SIP listeners only when that is done. Without it the first calls after a start waited while every method on their
/// path was compiled (about 1,800 methods), which made the first seconds' p99. With tiered compilation (the runtime's
/// default) this compiles each method's first tier; the runtime recompiles the hot ones optimised, on a worker thread,
/// while the calls run. Virtual methods (grain and interface methods) get an entry point first, without which the
/// runtime leaves them to their first call. Async methods get their builders' and boxes' instantiations too
/// (<see cref="AsyncPlumbing"/>), and generic types and methods the code that their reference-type instantiations
/// all share. What stays for first use: instantiations over value types (a list of our structs, say),
/// about 130 methods on a first call (docs/benchmarks.md).
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
        return Start(methods, threads);
    }

    /// <summary>Starts compiling <paramref name="methods"/> (closed: generic ones instantiated) on background threads.</summary>
    internal static CallPathPrecompiler Start(IReadOnlyList<MethodBase> methods, int threads)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var precompiler = new CallPathPrecompiler(started.Task);
        var workers = Math.Clamp(threads, 1, Environment.ProcessorCount);
        var remaining = workers;
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            var thread = new Thread(() =>
            {
                for (var i = worker; i < methods.Count; i += workers)
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

    private void Compile(MethodBase method)
    {
        try
        {
            var handle = method.MethodHandle;

            // A virtual method has no entry point of its own until something asks for one, and until then the runtime
            // does not compile it ahead: grain methods and every interface method were left to their first call.
            _ = handle.GetFunctionPointer();
            RuntimeHelpers.PrepareMethod(handle, Instantiation(method));
            Interlocked.Increment(ref _compiled);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    /// <summary>The type arguments of a method on a closed generic type, then its own; null when there are none.</summary>
    private static RuntimeTypeHandle[]? Instantiation(MethodBase method)
    {
        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : [];
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : [];
        return typeArguments.Length + methodArguments.Length == 0
            ? null
            : [.. typeArguments.Concat(methodArguments).Select(t => t.TypeHandle)];
    }

    private static List<MethodBase> MethodsOf(Assembly assembly)
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

        return MethodsOf(types.OfType<Type>());
    }

    /// <summary>The methods of <paramref name="types"/> that can be compiled ahead, with their async plumbing.</summary>
    internal static List<MethodBase> MethodsOf(IEnumerable<Type> types)
    {
        var methods = new List<MethodBase>();
        foreach (var definition in types)
        {
            try
            {
                if (SharedInstantiation(definition) is not { } type)
                {
                    continue;
                }

                foreach (var declared in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
                {
                    var method = declared is MethodInfo { IsGenericMethodDefinition: true } generic ? SharedInstantiation(generic) : declared;
                    if (method is not null && !method.IsAbstract && !method.ContainsGenericParameters
                        && (method.MethodImplementationFlags & MethodImplAttributes.InternalCall) == 0
                        && method.GetMethodBody() is not null)
                    {
                        methods.Add(method);
                    }
                }

                methods.AddRange(AsyncPlumbing.For(type));
            }
            catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or BadImageFormatException)
            {
                // A type whose dependencies are not deployed is never called either.
            }
        }

        return methods;
    }

    /// <summary>
    /// A generic type over <see cref="object"/>: the runtime shares one compiled body among all reference-type
    /// arguments, so this compiles the code every such instantiation runs (a cache of answers, a guard's retry loop).
    /// Null where a constraint rules <see cref="object"/> out; value-type instantiations stay for first use.
    /// </summary>
    private static Type? SharedInstantiation(Type type)
    {
        if (!type.IsGenericTypeDefinition)
        {
            return type.ContainsGenericParameters ? null : type;
        }

        try
        {
            return type.MakeGenericType([.. type.GetGenericArguments().Select(_ => typeof(object))]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static MethodInfo? SharedInstantiation(MethodInfo method)
    {
        try
        {
            return method.MakeGenericMethod([.. method.GetGenericArguments().Select(_ => typeof(object))]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
