namespace Switchboard.Grains.Retention;

/// <summary>
/// The purge's statements, one set per data class. A row is old when it is older than its tenant's override or,
/// without one, the default (<c>@days</c>); <c>@floor</c> is the same age under the shortest period in force, a
/// constant bound that lets PostgreSQL range-scan the age index instead of reading the whole table.
/// </summary>
internal static class RetentionSql
{
    public static string Name(RetentionClass dataClass) => dataClass switch
    {
        RetentionClass.CallRecords => "call_records",
        RetentionClass.Billing => "billing",
        RetentionClass.FraudAlerts => "fraud_alerts",
        RetentionClass.AuditLog => "audit_log",
        RetentionClass.RegistrationHistory => "registration_history",
        _ => throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, null),
    };

    public static RetentionClass Parse(string name) => name switch
    {
        "call_records" => RetentionClass.CallRecords,
        "billing" => RetentionClass.Billing,
        "fraud_alerts" => RetentionClass.FraudAlerts,
        "audit_log" => RetentionClass.AuditLog,
        "registration_history" => RetentionClass.RegistrationHistory,
        _ => throw new InvalidDataException($"Unknown retention class '{name}'"),
    };

    /// <summary>Tables of one class: the table, a FROM clause naming it <c>x</c>, and the row's tenant and age.</summary>
    private sealed record Table(string Name, string From, string Tenant, string Age, string Extra = "");

    private static readonly Table Cdrs = new("cdrs", "cdrs x", "x.tenant_id", "x.started_at");
    private static readonly Table Ledger = new(
        "ledger", "ledger x JOIN accounts a ON a.account_id = x.account_id", "a.tenant_id", "x.created_at", " AND x.kind <> 'carried'");
    private static readonly Table TopUps = new(
        "topups", "topups x JOIN accounts a ON a.account_id = x.account_id", "a.tenant_id", "x.first_seen_at");
    private static readonly Table FraudAlerts = new("fraud_alerts", "fraud_alerts x", "x.tenant_id", "x.raised_at");
    private static readonly Table AuditLog = new("audit_log", "audit_log x", "x.tenant_id", "x.at");
    private static readonly Table Registrations = new("registration_history", "registration_history x", "x.tenant_id", "x.registered_at");

    private static Table[] Tables(RetentionClass dataClass) => dataClass switch
    {
        RetentionClass.CallRecords => [Cdrs],
        RetentionClass.Billing => [Ledger, TopUps],
        RetentionClass.FraudAlerts => [FraudAlerts],
        RetentionClass.AuditLog => [AuditLog],
        RetentionClass.RegistrationHistory => [Registrations],
        _ => throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, null),
    };

    /// <summary>Counts the old rows of the class (dry run); parameters @now, @days, @floor.</summary>
    public static string Count(RetentionClass dataClass) =>
        "SELECT " + string.Join(" + ", Tables(dataClass).Select(t => $"(SELECT count(*) {Old(t, dataClass)})"));

    /// <summary>
    /// Statements that each delete one batch (@batch rows at most) of old rows and return how many they deleted.
    /// Ledger rows leave their sum behind in the account's one 'carried' row, so the balance still equals the
    /// ledger's sum; that happens in the same statement, so no crash can split the two.
    /// </summary>
    public static IEnumerable<string> DeleteBatch(RetentionClass dataClass) => Tables(dataClass).Select(t => t == Ledger
        ? $"""
           WITH doomed AS (SELECT x.entry_id {Old(t, dataClass)} ORDER BY x.entry_id LIMIT @batch),
                gone AS (DELETE FROM ledger l USING doomed d WHERE l.entry_id = d.entry_id RETURNING l.account_id, l.amount),
                carried AS (
                    INSERT INTO ledger (account_id, reference, kind, amount, description, created_at)
                    SELECT account_id, 'carried-forward', 'carried', sum(amount), 'Sum of entries removed by the retention purge', @now
                    FROM gone GROUP BY account_id
                    ON CONFLICT (account_id, reference) DO UPDATE SET amount = ledger.amount + EXCLUDED.amount)
           SELECT count(*) FROM gone
           """
        : $"""
           WITH doomed AS (SELECT x.ctid AS row_id {Old(t, dataClass)} LIMIT @batch),
                gone AS (DELETE FROM {t.Name} WHERE ctid = ANY (ARRAY(SELECT row_id FROM doomed)) RETURNING 1)
           SELECT count(*) FROM gone
           """);

    private const string CancelledAccountsDue = """
        SELECT account_id FROM accounts
        WHERE status = 'cancelled' AND anonymised_at IS NULL AND cancelled_at < @now - make_interval(days => @grace)
        """;

    /// <summary>Cancelled accounts whose grace period is over and that are not anonymised yet (dry run).</summary>
    public const string CountCancelledAccountsDue = "SELECT count(*) FROM (" + CancelledAccountsDue + ") due";

    /// <summary>One batch of cancelled accounts due (account and tenant), for the purge to remove their lines first.</summary>
    public const string CancelledAccountsDueBatch = """
        SELECT account_id, tenant_id FROM accounts
        WHERE status = 'cancelled' AND anonymised_at IS NULL AND cancelled_at < @now - make_interval(days => @grace)
        ORDER BY account_id LIMIT @batch
        """;

    /// <summary>
    /// Anonymises a batch of cancelled accounts (<c>@accounts</c>, their lines already removed) in one statement (so
    /// no crash leaves one half done) and returns how many. Numbers are truncated, SIP Call-IDs (which may carry a
    /// phone's address) and free-text reasons dropped, top-up transaction hashes hashed; every amount, time and
    /// duration stays for the billing retention.
    /// </summary>
    public const string AnonymiseAccounts = """
        WITH due AS (SELECT account_id FROM accounts
                     WHERE account_id = ANY(@accounts) AND status = 'cancelled' AND anonymised_at IS NULL FOR UPDATE),
        """ + AnonymiseDue;

    public const string IsCancelled = "SELECT EXISTS (SELECT 1 FROM accounts WHERE account_id = @account AND status = 'cancelled')";

    /// <summary>Erasure on request: the same anonymisation for one cancelled account (<c>@account</c>), now.</summary>
    public const string AnonymiseAccount =
        "WITH due AS (SELECT account_id FROM accounts WHERE account_id = @account AND status = 'cancelled' FOR UPDATE), " + AnonymiseDue;

    /// <summary>Erasure of one extension's subscriber: its number truncated wherever the tenant's CDRs name it.</summary>
    public const string AnonymiseExtensionCalls = """
        UPDATE cdrs SET caller = CASE WHEN caller = @number THEN switchboard_truncate_number(caller) ELSE caller END,
                        callee = CASE WHEN callee = @number THEN switchboard_truncate_number(callee) ELSE callee END
        WHERE tenant_id = @tenant AND (caller = @number OR callee = @number)
        """;

    /// <summary>
    /// Erasure of one extension's subscriber: its number truncated wherever the tenant's fraud alerts name it (the
    /// destination), and a reason that quotes it replaced by the rule, as the account's anonymisation does.
    /// </summary>
    public const string AnonymiseExtensionAlerts = """
        UPDATE fraud_alerts SET destination = CASE WHEN destination = @number THEN switchboard_truncate_number(destination) ELSE destination END,
                                reason = CASE WHEN strpos(reason, @number) > 0 THEN rule ELSE reason END
        WHERE tenant_id = @tenant AND (destination = @number OR strpos(reason, @number) > 0)
        """;

    /// <summary>Registration history of the given extensions of a tenant: personal data no law asks us to keep.</summary>
    public const string DeleteRegistrations = "DELETE FROM registration_history WHERE tenant_id = @tenant AND extension = ANY(@numbers)";

    private const string AnonymiseDue = """
        cdrs_done AS (
            UPDATE cdrs SET caller = switchboard_truncate_number(caller), callee = switchboard_truncate_number(callee),
                            caller_leg_call_id = '', callee_leg_call_id = ''
            WHERE account_id IN (SELECT account_id FROM due)),
        ledger_done AS (
            UPDATE ledger SET description = kind,
                              reference = CASE WHEN kind = 'topup' THEN 'topup:' || encode(sha256(convert_to(reference, 'UTF8')), 'hex') ELSE reference END
            WHERE account_id IN (SELECT account_id FROM due)),
        topups_done AS (
            UPDATE topups SET tx_hash = encode(sha256(convert_to(tx_hash, 'UTF8')), 'hex')
            WHERE account_id IN (SELECT account_id FROM due)),
        alerts_done AS (
            UPDATE fraud_alerts SET destination = switchboard_truncate_number(destination), reason = rule
            WHERE account_id IN (SELECT account_id FROM due)),
        accounts_done AS (
            UPDATE accounts SET status_reason = '', anonymised_at = @now
            WHERE account_id IN (SELECT account_id FROM due) RETURNING 1)
        SELECT count(*) FROM accounts_done
        """;

    /// <summary>The shortest override of a class, to compute @floor.</summary>
    public const string ShortestOverride = "SELECT min(keep_days) FROM retention_overrides WHERE data_class = @class";

    private static string Old(Table t, RetentionClass dataClass) =>
        $"""
         FROM {t.From}
         LEFT JOIN retention_overrides o ON o.tenant_id = {t.Tenant} AND o.data_class = '{Name(dataClass)}'
         WHERE {t.Age} < @floor AND {t.Age} < @now - make_interval(days => COALESCE(o.keep_days, @days)){t.Extra}
         """;
}
