namespace Switchboard.Silo.Api.Accounts;

/// <summary>
/// POST /api/v1/accounts/{accountId}/credits. <see cref="Reference"/> makes it idempotent: the same reference
/// twice credits once. A negative amount is a debit adjustment.
/// </summary>
public sealed record CreditRequest(string? Reference, decimal? Amount, string? Description)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Text("reference", Reference, 100);
        errors.Text("description", Description, 200, required: false);
        if (Amount is null)
        {
            errors.Add("amount", "is required.");
        }
        else if (Amount == 0m || Amount.Value.Scale > 6)
        {
            errors.Add("amount", "must be non-zero EUR with at most 6 decimals.");
        }

        return errors;
    }
}
