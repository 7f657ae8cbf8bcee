namespace Switchboard.Grains.Routing;

/// <summary>How the edge tries the targets of a decision (RFC 3261 §16.6, parallel or sequential search).</summary>
[GenerateSerializer, Alias("Switchboard.ForkStrategy")]
public enum ForkStrategy
{
    /// <summary>All targets at once (an extension's registered contacts); first 2xx wins.</summary>
    Parallel = 0,

    /// <summary>One at a time in priority order (trunk failover); the grain names the next target.</summary>
    Sequential = 1,
}
