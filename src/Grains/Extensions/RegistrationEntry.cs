namespace Switchboard.Grains.Extensions;

/// <summary>One line of registration history: who registered from where, when, and for how long.</summary>
public readonly record struct RegistrationEntry(
    string TenantId, string Extension, DateTimeOffset RegisteredAt, string SourceIp, string UserAgent, int Expires);
