namespace Switchboard.Silo.Api.Accounts;

/// <summary>POST /api/v1/accounts: a new account at balance 0; money arrives through credits and top-ups.</summary>
public sealed record OpenAccountRequest(string? AccountId, string? TenantId, string? RatePlanId, decimal? CreditLimit, FraudLimitsRequest? FraudLimits)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Identifier("accountId", AccountId, 64);
        errors.Identifier("tenantId", TenantId);
        AccountSettingsRules.Check(errors, RatePlanId, CreditLimit);
        return errors;
    }
}
