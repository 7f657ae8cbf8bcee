namespace Switchboard.Grains.Retention;

/// <summary>The data classes of the privacy policy, each with its own retention period (docs/privacy.md).</summary>
public enum RetentionClass
{
    /// <summary>CDRs: who called whom, when, how long. Default 12 months.</summary>
    CallRecords,

    /// <summary>Ledger entries and top-ups, which tax law keeps. Default 7 years.</summary>
    Billing,

    /// <summary>Fraud alerts. Default 12 months.</summary>
    FraudAlerts,

    /// <summary>The admin API's audit log. Default 7 years.</summary>
    AuditLog,

    /// <summary>Registration history: when, from which address and User-Agent each extension registered. Default 90 days.</summary>
    RegistrationHistory,
}
