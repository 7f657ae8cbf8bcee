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
        _ => throw new ArgumentOutOfRangeException(nameof(dataClass), dataClass, null),
    };

    public static RetentionClass Parse(string name) => name switch
    {
        "call_records" => RetentionClass.CallRecords,
        "billing" => RetentionClass.Billing,
        "fraud_alerts" => RetentionClass.FraudAlerts,
        "audit_log" => RetentionClass.AuditLog,
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

    private static Table[] Tables(RetentionClass dataClass) => dataClass switch
    {
        RetentionClass.CallRecords => [Cdrs],
        RetentionClass.Billing => [Ledger, TopUps],
        RetentionClass.FraudAlerts => [FraudAlerts],
        RetentionClass.AuditLog => [AuditLog],
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

    /// <summary>The shortest override of a class, to compute @floor.</summary>
    public const string ShortestOverride = "SELECT min(keep_days) FROM retention_overrides WHERE data_class = @class";

    private static string Old(Table t, RetentionClass dataClass) =>
        $"""
         FROM {t.From}
         LEFT JOIN retention_overrides o ON o.tenant_id = {t.Tenant} AND o.data_class = '{Name(dataClass)}'
         WHERE {t.Age} < @floor AND {t.Age} < @now - make_interval(days => COALESCE(o.keep_days, @days)){t.Extra}
         """;
}
