namespace Switchboard.Edge.Cluster;

/// <summary>
/// The cluster could not answer in time (breaker open, timeout, gateway gone). Retrying later may help, so the
/// SIP side answers 503 with Retry-After (RFC 3261 §21.5.4) rather than a final failure.
/// </summary>
public sealed class ClusterUnavailableException : Exception
{
    public ClusterUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
