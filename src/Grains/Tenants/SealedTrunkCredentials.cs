namespace Switchboard.Grains.Tenants;

/// <summary>A trunk's digest credentials as grain state keeps them: the password sealed by <see cref="Secrets.SecretBox"/>.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.SealedTrunkCredentials")]
public sealed record SealedTrunkCredentials(
    [property: Id(0)] string Username,
    [property: Id(1)] string SealedPassword);
