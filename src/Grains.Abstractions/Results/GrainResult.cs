namespace Switchboard.Grains;

/// <summary>
/// What a grain command returns: the value, or the <see cref="GrainError"/> that says why nothing changed. Expected
/// failures travel as values so that a caller maps exactly these, and an exception keeps meaning a bug.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.GrainResult`1")]
public sealed record GrainResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] GrainError? Error)
    where T : class
{
    public bool Succeeded => Error is null;

    public static GrainResult<T> Ok(T value) => new(value, null);

    public static GrainResult<T> Fail(GrainErrorCode code, string message) => new(null, new GrainError(code, message));

    /// <summary>For trusted callers (seeders, tests) whose input cannot fail: the value, or an exception naming the error.</summary>
    public T OrThrow() => Error is null
        ? Value!
        : throw new InvalidOperationException($"Grain command failed ({Error.Code}): {Error.Message}");
}
