namespace Switchboard.Silo.Api.Disclosures;

/// <summary>The traffic data of one call the policies allow disclosing: when, how long, between which numbers.</summary>
public sealed record DisclosedCall(DateTimeOffset StartedAt, int DurationSeconds, string Caller, string Callee);
