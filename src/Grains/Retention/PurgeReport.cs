namespace Switchboard.Grains.Retention;

/// <summary>
/// What one purge deleted (or, for a dry run, would delete) per data class, and how many cancelled accounts it
/// anonymised (or would), as of <see cref="At"/>. For <see cref="RetentionClass.AuditLog"/>, which the application
/// cannot delete from, the rows past their period (due for the administrator's removal).
/// <see cref="Ran"/> is false when another silo held the purge lock, and then nothing was counted.
/// </summary>
public sealed record PurgeReport(DateTimeOffset At, bool DryRun, bool Ran, IReadOnlyDictionary<RetentionClass, long> Rows, long AnonymisedAccounts = 0);
