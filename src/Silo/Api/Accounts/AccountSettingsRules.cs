namespace Switchboard.Silo.Api.Accounts;

/// <summary>Field rules shared by account creation and update.</summary>
public static class AccountSettingsRules
{
    public static void Check(FieldErrors errors, string? ratePlanId, decimal? creditLimit)
    {
        errors.Identifier("ratePlanId", ratePlanId, 64);
        if (creditLimit is < 0m)
        {
            errors.Add("creditLimit", "must be zero or more (EUR the balance may go below zero).");
        }
        else if (creditLimit is { Scale: > 6 })
        {
            errors.Add("creditLimit", "must have at most 6 decimals.");
        }
    }
}
