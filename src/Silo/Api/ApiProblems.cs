namespace Switchboard.Silo.Api;

/// <summary>The RFC 9457 problem responses the endpoints return besides validation problems.</summary>
public static class ApiProblems
{
    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} does not exist.");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>A valid key asking for something outside its tenant or role.</summary>
    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static IResult Invalid(FieldErrors errors) => TypedResults.ValidationProblem(errors.ToDictionary());

    public static IResult Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));
}
