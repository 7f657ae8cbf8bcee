namespace Switchboard.Grains.Edges;

/// <summary>
/// The registry's answer to a subscription: the edge must subscribe again within <see cref="RefreshEvery"/>;
/// a subscription not refreshed within <see cref="ExpiresAfter"/> is dropped. Observers live in silo memory and
/// vanish when that silo dies, so the periodic refresh is what restores them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.EdgeSubscription")]
public sealed record EdgeSubscription(
    [property: Id(0)] TimeSpan RefreshEvery,
    [property: Id(1)] TimeSpan ExpiresAfter);
