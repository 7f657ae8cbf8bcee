namespace Switchboard.Silo.Api.Tenants;

/// <summary>PUT /api/v1/tenants/{tenantId}/outbound-block: why an operator stops the tenant's outbound calls.</summary>
public sealed record OutboundBlockRequest(string? Reason)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Text("reason", Reason, 200);
        return errors;
    }
}
