namespace Switchboard.Silo.Api.Accounts;

/// <summary>POST /api/v1/accounts/{accountId}/lock, /unlock or /cancel: why, for the account's history.</summary>
public sealed record StatusChangeRequest(string? Reason)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Text("reason", Reason, 200);
        return errors;
    }
}
