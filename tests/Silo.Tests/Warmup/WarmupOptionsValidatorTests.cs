using Switchboard.Silo.Warmup;

namespace Switchboard.Silo.Tests.Warmup;

public sealed class WarmupOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new WarmupOptionsValidator().Validate(null, new WarmupOptions()).Succeeded);
    }

    [Fact]
    public void Validate_Off_Succeeds()
    {
        Assert.True(new WarmupOptionsValidator().Validate(null, new WarmupOptions { Calls = 0 }).Succeeded);
    }

    [Theory]
    [InlineData(-1, 8, 45, "Warmup:Calls must be from 0 to 100000 (got -1)")]
    [InlineData(400, 0, 45, "Warmup:Lines must be from 1 to 256 (got 0)")]
    [InlineData(400, 8, 0, "Warmup:TimeoutSeconds must be from 1 to 600 (got 0)")]
    public void Validate_OutOfRange_NamesTheKey(int calls, int lines, int timeout, string expected)
    {
        var result = new WarmupOptionsValidator().Validate(null, new WarmupOptions { Calls = calls, Lines = lines, TimeoutSeconds = timeout });

        Assert.Equal(expected, Assert.Single(result.Failures!));
    }
}
