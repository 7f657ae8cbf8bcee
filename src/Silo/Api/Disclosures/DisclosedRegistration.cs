namespace Switchboard.Silo.Api.Disclosures;

/// <summary>When the subscriber's phone registered, and from which address (kept 90 days).</summary>
public sealed record DisclosedRegistration(DateTimeOffset RegisteredAt, string SourceIp);
