namespace Switchboard.Grains.Calls;

/// <summary>
/// The caller as the edge established it: for <see cref="CallOriginKind.Extension"/> the digest-authenticated
/// extension number; for <see cref="CallOriginKind.Trunk"/> the trunk whose source address matched
/// (<c>IDirectoryGrain.ResolveTrunkSource</c>). <see cref="CallerNumber"/> is the From user part,
/// <see cref="CallerName"/> the From display name.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallOrigin")]
public sealed record CallOrigin(
    [property: Id(0)] CallOriginKind Kind,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string? Extension,
    [property: Id(3)] string? TrunkId,
    [property: Id(4)] string CallerNumber,
    [property: Id(5)] string? CallerName);
