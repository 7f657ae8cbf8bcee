using System.Collections.Concurrent;
using System.Reflection;

namespace Switchboard.Edge.Tests.Support;

/// <summary>Proxy behind <see cref="UnreachableGrainFactory"/>: every call returns a task that never completes.</summary>
public class SilentGrain : DispatchProxy
{
    /// <summary>Where each call is recorded ("IInterface.Method"), shared by the proxies of one factory.</summary>
    public ConcurrentQueue<string>? Calls { get; set; }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        Calls?.Enqueue($"{targetMethod?.DeclaringType?.Name}.{targetMethod?.Name}");
        var returnType = targetMethod?.ReturnType ?? typeof(void);
        if (returnType == typeof(Task))
        {
            return new TaskCompletionSource().Task;
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(returnType.GetGenericArguments()))!;
            return source.GetType().GetProperty(nameof(TaskCompletionSource<object>.Task))!.GetValue(source);
        }

        return returnType.IsValueType ? Activator.CreateInstance(returnType) : null;
    }
}
