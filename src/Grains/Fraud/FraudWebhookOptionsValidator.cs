using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Fraud;

/// <summary>Fails start-up with the first bad <c>Fraud:Webhook</c> setting, naming its key.</summary>
public sealed class FraudWebhookOptionsValidator : IValidateOptions<FraudWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, FraudWebhookOptions options) =>
        options.Validate() is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
}
