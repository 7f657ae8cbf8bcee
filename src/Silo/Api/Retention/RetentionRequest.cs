using Switchboard.Grains.Retention;

namespace Switchboard.Silo.Api.Retention;

/// <summary>
/// A tenant's retention periods in days. Members left out keep their current value (an override or the default);
/// <c>DELETE /tenants/{id}/retention</c> puts every class back on the default.
/// </summary>
public sealed record RetentionRequest(int? CallRecordsDays, int? BillingDays, int? FraudAlertsDays, int? AuditLogDays, int? RegistrationHistoryDays = null)
{
    /// <summary>A hundred years: beyond that a period is a typo, not a policy.</summary>
    private const int MaxDays = 36_500;

    public Dictionary<RetentionClass, int> MergeInto(IReadOnlyDictionary<RetentionClass, int> current, FieldErrors errors)
    {
        var merged = new Dictionary<RetentionClass, int>(current);
        Set(merged, errors, RetentionClass.CallRecords, "callRecordsDays", CallRecordsDays);
        Set(merged, errors, RetentionClass.Billing, "billingDays", BillingDays);
        Set(merged, errors, RetentionClass.FraudAlerts, "fraudAlertsDays", FraudAlertsDays);
        Set(merged, errors, RetentionClass.AuditLog, "auditLogDays", AuditLogDays);
        Set(merged, errors, RetentionClass.RegistrationHistory, "registrationHistoryDays", RegistrationHistoryDays);
        return merged;
    }

    private static void Set(Dictionary<RetentionClass, int> merged, FieldErrors errors, RetentionClass dataClass, string field, int? days)
    {
        if (days is null)
        {
            return;
        }

        if (days is < 1 or > MaxDays)
        {
            errors.Add(field, $"must be from 1 to {MaxDays} days.");
            return;
        }

        merged[dataClass] = days.Value;
    }
}
