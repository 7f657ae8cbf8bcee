namespace Switchboard.Grains;

/// <summary>An expected failure of a grain command: what kind, and a message fit for an API client.</summary>
[GenerateSerializer, Immutable, Alias("Switchboard.GrainError")]
public sealed record GrainError(
    [property: Id(0)] GrainErrorCode Code,
    [property: Id(1)] string Message);
