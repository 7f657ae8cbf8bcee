namespace Switchboard.Grains.Extensions;

/// <summary>The failure count after a reported authentication failure and whether the extension is now locked.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.AuthLockout")]
public sealed record AuthLockout(
    [property: Id(0)] int RecentFailures,
    [property: Id(1)] bool LockedOut,
    [property: Id(2)] DateTimeOffset? LockedUntil);
