using Switchboard.Grains;

namespace Switchboard.Silo.Api;

/// <summary>
/// Maps the expected failures a grain returns (<see cref="GrainError"/>) to problem details: invalid input 400, an
/// unknown resource 404, a conflict with what exists 409. Nothing else is caught here: an exception from a grain is
/// a bug or an outage and becomes a 500 problem through the exception handler.
/// </summary>
public static class GrainErrors
{
    public static IResult ToProblem(GrainError error) => error.Code switch
    {
        GrainErrorCode.Invalid => ApiProblems.Invalid("body", error.Message),
        GrainErrorCode.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: error.Message),
        GrainErrorCode.Conflict => ApiProblems.Conflict(error.Message),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error.Code, "A grain error code without a status"),
    };

    /// <summary>The value turned into a response by <paramref name="ok"/>, or the error's problem.</summary>
    public static IResult Map<T>(GrainResult<T> result, Func<T, IResult> ok)
        where T : class =>
        result.Error is { } error ? ToProblem(error) : ok(result.Value!);
}
