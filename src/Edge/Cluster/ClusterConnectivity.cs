namespace Switchboard.Edge.Cluster;

/// <summary>
/// Whether the edge currently believes it can reach the cluster, fed by <see cref="ClusterProbe"/>. New INVITEs
/// consult it so they get 503 at once instead of waiting for a call that cannot succeed.
/// </summary>
public sealed class ClusterConnectivity
{
    private volatile bool _reachable = true;
    private volatile bool _probed;
    private TaskCompletionSource _probeRequested = NewRequest();

    public bool IsReachable => _reachable;

    /// <summary>True once a probe has completed, reachable or not; readiness waits for it.</summary>
    public bool HasProbed => _probed;

    /// <summary>Completes when someone asks for a probe before the next scheduled one.</summary>
    internal Task ProbeRequested => _probeRequested.Task;

    public void Report(bool reachable)
    {
        _reachable = reachable;
        _probed = true;
    }

    /// <summary>
    /// The Orleans client lost its last connected gateway. That is either the whole cluster or only the gateway
    /// it happened to use (a client connects to gateways as it needs them), so probe now rather than refuse every
    /// call: after one silo of several crashed, the probe reaches a live gateway and calls go on.
    /// </summary>
    public void RequestProbe() => _probeRequested.TrySetResult();

    /// <summary>Called by the probe when it starts: a request made after this asks for the next probe.</summary>
    internal void ProbeStarted()
    {
        if (_probeRequested.Task.IsCompleted)
        {
            Interlocked.Exchange(ref _probeRequested, NewRequest());
        }
    }

    private static TaskCompletionSource NewRequest() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
