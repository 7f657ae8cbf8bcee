namespace Switchboard.Grains.Calls;

/// <summary>
/// What the edge tells a new call grain at an initial INVITE: who calls, the dialled number (the Request-URI
/// user part, RFC 3261 §8.1.1.1) and the caller leg's dialog state as the edge's UAS built it (our To tag,
/// the caller's From tag, Contact, Record-Route set).
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallStart")]
public sealed record CallStart(
    [property: Id(0)] CallOrigin Origin,
    [property: Id(1)] string DialledNumber,
    [property: Id(2)] string RequestUri,
    [property: Id(3)] LegDialog CallerLeg);
