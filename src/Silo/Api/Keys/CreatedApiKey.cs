namespace Switchboard.Silo.Api.Keys;

/// <summary>The answer to a key creation: the only time <see cref="Key"/> is ever shown.</summary>
public sealed record CreatedApiKey(ApiKeyView Info, string Key);
