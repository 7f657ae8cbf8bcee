using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Extensions;

/// <summary>Fails silo start-up with the key of the first bad registrar setting.</summary>
public sealed class RegistrarOptionsValidator : IValidateOptions<RegistrarOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistrarOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
