using Switchboard.Grains.Retention;

namespace Switchboard.Silo.Api.Retention;

/// <summary>
/// Rows a purge deleted (or, in a dry run, would delete) per data class, cancelled accounts anonymised, and the
/// audit log rows past their period, which only a database administrator can remove (the table is append-only).
/// </summary>
public sealed record PurgeView(DateTimeOffset At, bool DryRun, long CallRecords, long Billing, long FraudAlerts, long RegistrationHistory, long AuditLogDue, long AnonymisedAccounts)
{
    public static PurgeView From(PurgeReport report) => new(
        report.At, report.DryRun,
        report.Rows.GetValueOrDefault(RetentionClass.CallRecords), report.Rows.GetValueOrDefault(RetentionClass.Billing),
        report.Rows.GetValueOrDefault(RetentionClass.FraudAlerts), report.Rows.GetValueOrDefault(RetentionClass.RegistrationHistory),
        report.Rows.GetValueOrDefault(RetentionClass.AuditLog),
        report.AnonymisedAccounts);
}
