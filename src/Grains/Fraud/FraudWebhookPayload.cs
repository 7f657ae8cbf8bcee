namespace Switchboard.Grains.Fraud;

/// <summary>The JSON body of a fraud webhook (camelCase): the alert, with the rule as its name.</summary>
public sealed record FraudWebhookPayload(
    Guid AlertId,
    string AccountId,
    string TenantId,
    string Rule,
    string Reason,
    string CallId,
    string Destination,
    DateTimeOffset RaisedAt,
    bool LockedAccount)
{
    public FraudWebhookPayload(FraudAlert alert)
        : this(alert.AlertId, alert.AccountId, alert.TenantId, alert.Rule.ToString(), alert.Reason, alert.CallId,
            alert.Destination, alert.RaisedAt, alert.LockedAccount)
    {
    }
}
