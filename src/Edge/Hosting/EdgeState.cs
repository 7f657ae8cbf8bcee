namespace Switchboard.Edge.Hosting;

/// <summary>Life-cycle flags of this edge process that readiness and the request path both read.</summary>
public sealed class EdgeState
{
    private volatile bool _listening;
    private volatile bool _draining;

    public bool IsListening => _listening;

    /// <summary>Set on SIGTERM: new calls get 503 (RFC 3261 §21.5.4) while calls in progress finish.</summary>
    public bool IsDraining => _draining;

    public void MarkListening() => _listening = true;

    public void MarkDraining() => _draining = true;
}
