using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Grains;
using Switchboard.Silo.Api;

namespace Switchboard.Silo.Tests.Api;

public sealed class GrainErrorsTests
{
    [Theory]
    [InlineData(GrainErrorCode.Invalid, 400)]
    [InlineData(GrainErrorCode.NotFound, 404)]
    [InlineData(GrainErrorCode.Conflict, 409)]
    public void ToProblem_EachExpectedFailure_HasItsStatus(GrainErrorCode code, int status)
    {
        var result = GrainErrors.ToProblem(new GrainError(code, "why"));

        Assert.Equal(status, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }

    [Fact]
    public void Map_Success_UsesTheValue()
    {
        var result = GrainErrors.Map(GrainResult<string>.Ok("value"), v => TypedResults.Ok(v));

        Assert.Equal("value", Assert.IsType<Ok<string>>(result).Value);
    }
}
