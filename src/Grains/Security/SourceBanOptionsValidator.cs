using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Security;

/// <summary>Fails silo start-up with the key of the first bad ban setting.</summary>
public sealed class SourceBanOptionsValidator : IValidateOptions<SourceBanOptions>
{
    public ValidateOptionsResult Validate(string? name, SourceBanOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
