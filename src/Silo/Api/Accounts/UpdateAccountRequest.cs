namespace Switchboard.Silo.Api.Accounts;

/// <summary>PUT /api/v1/accounts/{accountId}: plan, credit limit and fraud limits; never the tenant or the balance.</summary>
public sealed record UpdateAccountRequest(string? RatePlanId, decimal? CreditLimit, FraudLimitsRequest? FraudLimits)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        AccountSettingsRules.Check(errors, RatePlanId, CreditLimit);
        return errors;
    }
}
