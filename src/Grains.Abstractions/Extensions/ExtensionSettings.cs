namespace Switchboard.Grains.Extensions;

/// <summary>What an operator sets on an extension. <see cref="AccountId"/> overrides the tenant's paying account.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ExtensionSettings")]
public sealed record ExtensionSettings(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] string? AccountId);
