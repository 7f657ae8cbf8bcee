namespace Switchboard.Edge.Cluster;

/// <summary>
/// Whether the edge currently believes it can reach the cluster, fed by the gateway-count handler of the Orleans
/// client and by <see cref="ClusterProbe"/>. New INVITEs consult it so they get 503 at once instead of waiting
/// for a call that cannot succeed.
/// </summary>
public sealed class ClusterConnectivity
{
    private volatile bool _reachable = true;
    private volatile bool _probed;

    public bool IsReachable => _reachable;

    /// <summary>True once a probe has completed, reachable or not; readiness waits for it.</summary>
    public bool HasProbed => _probed;

    public void Report(bool reachable)
    {
        _reachable = reachable;
        _probed = true;
    }
}
