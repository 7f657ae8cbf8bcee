using Switchboard.Grains.Retention;

namespace Switchboard.Silo.Api.Retention;

/// <summary>Rows a purge deleted (or, in a dry run, would delete) per data class, and cancelled accounts anonymised.</summary>
public sealed record PurgeView(DateTimeOffset At, bool DryRun, long CallRecords, long Billing, long FraudAlerts, long AuditLog, long AnonymisedAccounts)
{
    public static PurgeView From(PurgeReport report) => new(
        report.At, report.DryRun,
        report.Rows.GetValueOrDefault(RetentionClass.CallRecords), report.Rows.GetValueOrDefault(RetentionClass.Billing),
        report.Rows.GetValueOrDefault(RetentionClass.FraudAlerts), report.Rows.GetValueOrDefault(RetentionClass.AuditLog),
        report.AnonymisedAccounts);
}
