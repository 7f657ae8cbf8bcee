namespace Switchboard.Grains.Tenants;

/// <summary>Who owns an indexed name (a SIP domain or a DID) and, for a DID, the extension it rings.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.Grains.DirectoryEntry")]
public sealed record DirectoryEntry(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string? Target);
