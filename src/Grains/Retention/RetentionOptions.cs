namespace Switchboard.Grains.Retention;

/// <summary>
/// Configuration section <c>Retention</c>: how many days each data class is kept by default (an operator can change
/// each per tenant through the admin API) and how the purge runs. Defaults are the providers' published policies.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Seven years of 365 days plus the two leap days they contain.</summary>
    public const int SevenYears = (7 * 365) + 2;

    public int CallRecordsDays { get; set; } = 365;

    public int BillingDays { get; set; } = SevenYears;

    public int FraudAlertsDays { get; set; } = 365;

    public int AuditLogDays { get; set; } = SevenYears;

    public int RegistrationHistoryDays { get; set; } = 90;

    /// <summary>Days after cancellation before the purge anonymises the subscriber's records.</summary>
    public int CancelledAccountDays { get; set; } = 30;

    /// <summary>How often the purge runs; one silo of the cluster runs it at a time.</summary>
    public TimeSpan PurgeEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per transaction, so a purge never holds long locks or bloats one transaction.</summary>
    public int BatchSize { get; set; } = 5_000;

    public int DefaultDays(RetentionClass dataClass) => dataClass switch
    {
        RetentionClass.CallRecords => CallRecordsDays,
        RetentionClass.Billing => BillingDays,
        RetentionClass.FraudAlerts => FraudAlertsDays,
        RetentionClass.AuditLog => AuditLogDays,
        RetentionClass.RegistrationHistory => RegistrationHistoryDays,
        _ => throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, null),
    };

    /// <summary>Returns the first invalid setting, named by its configuration key, or null.</summary>
    public string? Validate() =>
        CallRecordsDays <= 0 ? Key(nameof(CallRecordsDays)) + " must be a positive number of days"
        : BillingDays <= 0 ? Key(nameof(BillingDays)) + " must be a positive number of days"
        : FraudAlertsDays <= 0 ? Key(nameof(FraudAlertsDays)) + " must be a positive number of days"
        : AuditLogDays <= 0 ? Key(nameof(AuditLogDays)) + " must be a positive number of days"
        : RegistrationHistoryDays <= 0 ? Key(nameof(RegistrationHistoryDays)) + " must be a positive number of days"
        : CancelledAccountDays <= 0 ? Key(nameof(CancelledAccountDays)) + " must be a positive number of days"
        : PurgeEvery < TimeSpan.FromMinutes(1) ? Key(nameof(PurgeEvery)) + " must be at least one minute"
        : BatchSize is < 1 or > 100_000 ? Key(nameof(BatchSize)) + " must be between 1 and 100000"
        : null;

    private static string Key(string name) => $"{SectionName}:{name}";
}
