using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Switchboard.Edge.Tests.Hosting;

/// <summary>
/// Records the runtime's method-compiled events (JIT keyword) whose type or method name contains a marker. The runtime
/// delivers them to an in-process listener with a delay, so <see cref="FlushAsync"/> compiles a method of its own and
/// waits until that event has arrived: everything compiled before it has arrived too.
/// </summary>
internal sealed class JitEventRecorder(string marker) : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private static int s_flushes;

    private readonly ConcurrentQueue<string> _compiled = new();
    private volatile TaskCompletionSource? _flushed;
    private volatile string? _flushMarker;

    public IReadOnlyCollection<string> Compiled => [.. _compiled];

    public void Clear() => _compiled.Clear();

    public async Task FlushAsync()
    {
        // A fresh dynamic method per flush: compiled on its first (and only) call.
        var name = "JitFlush" + Interlocked.Increment(ref s_flushes);
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _flushMarker = name;
        _flushed = flushed;
        var method = new System.Reflection.Emit.DynamicMethod(name, typeof(int), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4_1);
        il.Emit(System.Reflection.Emit.OpCodes.Ret);
        _ = ((Func<int>)method.CreateDelegate(typeof(Func<int>)))();
        await flushed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) != true || eventData.Payload is null
            || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.Payload[eventData.PayloadNames.IndexOf("MethodNamespace")]?.ToString() ?? string.Empty;
        var method = eventData.Payload[eventData.PayloadNames.IndexOf("MethodName")]?.ToString() ?? string.Empty;
        if (_flushMarker is { } flush && method == flush)
        {
            _flushed?.TrySetResult();
        }
        else if (type.Contains(marker, StringComparison.Ordinal) || method.Contains(marker, StringComparison.Ordinal))
        {
            _compiled.Enqueue(type + "::" + method);
        }
    }
}
