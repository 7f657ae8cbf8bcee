using System.Reflection;
using System.Runtime.CompilerServices;

namespace Switchboard.Edge.Hosting;

/// <summary>
/// The framework's generic code an async method runs besides its own: the builder's <c>Start</c>, its
/// <c>AwaitUnsafeOnCompleted</c> for each awaiter the method awaits, and the box that carries the state machine across
/// awaits. Each is instantiated over the method's state machine type, a struct in a release build, so none of it
/// exists until the method's first call compiles it: about 300 methods, half the compiling a cold node did on its
/// first call (docs/benchmarks.md). Found by reflection over the compiler's state machine (its <c>&lt;&gt;t__builder</c>
/// and <c>&lt;&gt;u__N</c> fields) and the builder's members; what a runtime version names differently is simply not
/// found, and is compiled on first use as before.
/// </summary>
internal static class AsyncPlumbing
{
    private const BindingFlags All =
        BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Type? BuilderCore =
        typeof(AsyncTaskMethodBuilder).Assembly.GetType("System.Runtime.CompilerServices.AsyncMethodBuilderCore");

    /// <summary>The instantiations <paramref name="stateMachine"/> needs; empty for anything but a closed async state machine.</summary>
    public static IEnumerable<MethodBase> For(Type stateMachine)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        if (stateMachine.ContainsGenericParameters || !typeof(IAsyncStateMachine).IsAssignableFrom(stateMachine)
            || stateMachine.GetField("<>t__builder", All) is not { } builderField)
        {
            return [];
        }

        var awaiters = stateMachine.GetFields(All)
            .Where(f => f.Name.StartsWith("<>u__", StringComparison.Ordinal) && f.FieldType.IsValueType)
            .Select(f => f.FieldType)
            .Distinct()
            .ToArray();
        var methods = new List<MethodBase>();
        foreach (var builder in BuildersBehind(builderField.FieldType))
        {
            AddGenericMethods(builder, stateMachine, awaiters, methods);
            AddBoxes(builder, stateMachine, methods);
        }

        return methods;
    }

    /// <summary>The builder and the builders it delegates to (the non-generic Task builder wraps the generic one).</summary>
    private static IEnumerable<Type> BuildersBehind(Type builder)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>();
        pending.Push(builder);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var field in type.GetFields(All))
            {
                if (field.FieldType.IsValueType && field.FieldType.Name.Contains("MethodBuilder", StringComparison.Ordinal))
                {
                    pending.Push(field.FieldType);
                }
                else if (field.FieldType is { IsGenericType: true } task && task.GetGenericTypeDefinition() == typeof(Task<>))
                {
                    // The Task builder keeps a Task<VoidTaskResult> and awaits through the generic builder's statics.
                    pending.Push(typeof(AsyncTaskMethodBuilder<>).MakeGenericType(task.GetGenericArguments()));
                }
            }

            // A ValueTask builder completes through the Task builder of the same result.
            if (type.IsGenericType && type.GetGenericArguments() is [var result] && !type.ContainsGenericParameters)
            {
                pending.Push(typeof(AsyncTaskMethodBuilder<>).MakeGenericType(result));
            }
        }

        if (BuilderCore is not null)
        {
            seen.Add(BuilderCore);
        }

        return seen;
    }

    /// <summary><c>Start&lt;TStateMachine&gt;</c>, <c>AwaitUnsafeOnCompleted&lt;TAwaiter, TStateMachine&gt;</c> and their helpers.</summary>
    private static void AddGenericMethods(Type builder, Type stateMachine, Type[] awaiters, List<MethodBase> methods)
    {
        foreach (var method in builder.GetMethods(All))
        {
            if (!method.IsGenericMethodDefinition)
            {
                continue;
            }

            switch (method.GetGenericArguments().Length)
            {
                case 1:
                    TryAdd(method, [stateMachine], methods);
                    break;
                case 2:
                    foreach (var awaiter in awaiters)
                    {
                        TryAdd(method, [awaiter, stateMachine], methods);
                    }

                    break;
            }
        }
    }

    /// <summary>The box a generic Task builder keeps the state machine in once the method first awaits.</summary>
    private static void AddBoxes(Type builder, Type stateMachine, List<MethodBase> methods)
    {
        if (!builder.IsGenericType || builder.ContainsGenericParameters)
        {
            return;
        }

        var arguments = builder.GetGenericArguments();
        foreach (var nested in builder.GetGenericTypeDefinition().GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public))
        {
            if (!nested.IsGenericTypeDefinition || nested.GetGenericArguments().Length != arguments.Length + 1
                || !nested.Name.StartsWith("AsyncStateMachineBox", StringComparison.Ordinal))
            {
                continue;
            }

            Type box;
            try
            {
                box = nested.MakeGenericType([.. arguments, stateMachine]);
            }
            catch (ArgumentException)
            {
                continue;
            }

            methods.AddRange(box.GetMethods(All).Where(m => !m.IsAbstract && !m.IsGenericMethodDefinition));
            methods.AddRange(box.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));
            if (box.TypeInitializer is { } initializer)
            {
                methods.Add(initializer);
            }
        }
    }

    private static void TryAdd(MethodInfo method, Type[] arguments, List<MethodBase> methods)
    {
        try
        {
            methods.Add(method.MakeGenericMethod(arguments));
        }
        catch (ArgumentException)
        {
            // A constraint the arguments do not meet (an awaiter that is not ICriticalNotifyCompletion, say).
        }
    }
}
