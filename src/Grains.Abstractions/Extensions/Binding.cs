using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// A registrar binding (RFC 3261 §10.3): a contact of the extension valid until <see cref="ExpiresAt"/>, with
/// the REGISTER's Call-ID/CSeq (for ordering), Path, received address, transport and the edge holding the flow.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.Binding")]
public sealed record Binding(
    [property: Id(0)] string ContactUri,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] decimal? Q,
    [property: Id(3)] string CallId,
    [property: Id(4)] long CSeq,
    [property: Id(5)] IReadOnlyList<string> Path,
    [property: Id(6)] TransportAddress Source,
    [property: Id(7)] string EdgeId,
    [property: Id(8)] string? InstanceId,
    [property: Id(9)] int? RegId,
    [property: Id(10)] string? UserAgent,
    [property: Id(11)] DateTimeOffset RegisteredAt)
{
    /// <summary>Whole seconds left at <paramref name="now"/>, for the Contact <c>expires</c> of a 200 OK (never negative).</summary>
    public int SecondsLeft(DateTimeOffset now) => (int)Math.Max(0, Math.Ceiling((ExpiresAt - now).TotalSeconds));
}
