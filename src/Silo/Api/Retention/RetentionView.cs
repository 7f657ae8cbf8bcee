using Switchboard.Grains.Retention;

namespace Switchboard.Silo.Api.Retention;

/// <summary>The periods in force for one tenant (or the defaults), and which of them the tenant overrides.</summary>
public sealed record RetentionView(
    int CallRecordsDays, int BillingDays, int FraudAlertsDays, int AuditLogDays, int RegistrationHistoryDays, IReadOnlyList<string> Overridden)
{
    public static RetentionView From(RetentionOptions defaults, IReadOnlyDictionary<RetentionClass, int> overrides)
    {
        int Days(RetentionClass c) => overrides.TryGetValue(c, out var days) ? days : defaults.DefaultDays(c);
        return new RetentionView(
            Days(RetentionClass.CallRecords), Days(RetentionClass.Billing), Days(RetentionClass.FraudAlerts), Days(RetentionClass.AuditLog), Days(RetentionClass.RegistrationHistory),
            [.. overrides.Keys.Order().Select(c => Camel(c.ToString()) + "Days")]);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
