using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Calls;

/// <summary>Fails silo start-up with the key of the first bad call-control setting.</summary>
public sealed class CallControlOptionsValidator : IValidateOptions<CallControlOptions>
{
    public ValidateOptionsResult Validate(string? name, CallControlOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
