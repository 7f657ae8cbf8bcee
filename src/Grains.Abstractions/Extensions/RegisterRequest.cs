using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// An authenticated REGISTER as the edge parsed it (RFC 3261 §10.3). No contacts and no wildcard: a query.
/// <see cref="Wildcard"/>: <c>Contact: *</c>, valid only with <c>Expires: 0</c>. <see cref="Path"/>: the Path
/// header values (RFC 3327). <see cref="Source"/>: transport and received address; <see cref="EdgeId"/>: the
/// edge holding the flow.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.RegisterRequest")]
public sealed record RegisterRequest(
    [property: Id(0)] string CallId,
    [property: Id(1)] long CSeq,
    [property: Id(2)] IReadOnlyList<ContactRequest> Contacts,
    [property: Id(3)] bool Wildcard,
    [property: Id(4)] int? Expires,
    [property: Id(5)] IReadOnlyList<string> Path,
    [property: Id(6)] TransportAddress Source,
    [property: Id(7)] string EdgeId,
    [property: Id(8)] string? UserAgent);
