using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Retention;

/// <summary>Fails silo start-up with the key of the first bad retention setting.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
