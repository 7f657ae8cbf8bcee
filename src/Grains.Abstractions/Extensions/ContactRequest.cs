namespace Switchboard.Grains.Extensions;

/// <summary>
/// One Contact of a REGISTER: the URI, its <c>expires</c> parameter (overrides the Expires header,
/// RFC 3261 §10.2.1.1), <c>q</c>, and the RFC 5626 <c>+sip.instance</c>/<c>reg-id</c> when present.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.ContactRequest")]
public sealed record ContactRequest(
    [property: Id(0)] string Uri,
    [property: Id(1)] int? Expires,
    [property: Id(2)] decimal? Q,
    [property: Id(3)] string? InstanceId,
    [property: Id(4)] int? RegId);
