using Microsoft.Extensions.Options;

namespace Switchboard.Silo.Ops.Charts;

/// <summary>Fails silo start-up with the key of a bad chart setting.</summary>
public sealed class OpsChartOptionsValidator : IValidateOptions<OpsChartOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsChartOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
