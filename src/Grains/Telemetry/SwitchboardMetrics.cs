using System.Diagnostics.Metrics;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Telemetry;

/// <summary>
/// The grains' instruments on the <c>Switchboard.Grains</c> meter, one instance per silo from DI. Every tag is a
/// bounded enum or a fixed word chosen here: never a number, user, account or tenant, because the privacy policy
/// allows aggregate metrics only and one series per customer would also swamp Prometheus.
/// Instrument names are a contract with the Grafana dashboard and alert rules: rename only together with them.
/// </summary>
public sealed class SwitchboardMetrics
{
    public const string MeterName = "Switchboard.Grains";

    private readonly Counter<long> _callsStarted;
    private readonly Counter<long> _callsEnded;
    private readonly UpDownCounter<long> _callsActive;
    private readonly Histogram<double> _setupDuration;
    private readonly Histogram<double> _settlementDuration;
    private readonly Counter<long> _settlementFailures;
    private readonly Counter<long> _fraudRefusals;
    private readonly Counter<long> _databaseErrors;
    private readonly Counter<long> _journalWrites;
    private readonly Counter<long> _journalRows;
    private readonly Counter<long> _callsLost;
    private readonly Counter<long> _emergencyCalls;
    private long _callsStartedTotal;
    private long _activeCalls;

    public SwitchboardMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _callsStarted = meter.CreateCounter<long>("switchboard.calls.started", "{call}", "Calls accepted by a call grain; calls per second is its rate");
        _callsEnded = meter.CreateCounter<long>("switchboard.calls.ended", "{call}", "Calls that reached a final state, by disposition");
        _callsActive = meter.CreateUpDownCounter<long>("switchboard.calls.active", "{call}", "Calls started and not yet ended on this silo");
        _setupDuration = meter.CreateHistogram<double>(
            "switchboard.call.setup.duration", "ms", "INVITE accepted by the call grain to answer", advice: LatencyBuckets());
        _settlementDuration = meter.CreateHistogram<double>(
            "switchboard.settlement.duration", "ms", "Time to settle one call against its account and write the CDR", advice: LatencyBuckets());
        _settlementFailures = meter.CreateCounter<long>("switchboard.settlement.failures", "{settlement}", "Settlements that failed and will be retried, by reason");
        _fraudRefusals = meter.CreateCounter<long>("switchboard.fraud.refusals", "{call}", "Calls refused by a fraud rule, by rule");
        _databaseErrors = meter.CreateCounter<long>("switchboard.db.errors", "{error}", "PostgreSQL operations that failed, by store and SQLSTATE class");
        _journalWrites = meter.CreateCounter<long>("switchboard.billing.journal.writes", "{write}", "Database round trips of the accounts' billing journal (group commits)");
        _journalRows = meter.CreateCounter<long>("switchboard.billing.journal.rows", "{row}", "Rows the billing journal wrote, by kind (settlement, lease, renewal)");
        _callsLost = meter.CreateCounter<long>("switchboard.calls.lost", "{call}", "Calls whose grain was lost with its silo, billed by their account from their lease");
        _emergencyCalls = meter.CreateCounter<long>("switchboard.emergency.calls", "{call}", "Emergency calls placed by extensions, by outcome (routed, no-route); every one pages the operator");
    }

    /// <summary>Calls started on this silo since it started; the operations page derives calls per second from it.</summary>
    public long CallsStartedTotal => Interlocked.Read(ref _callsStartedTotal);

    /// <summary>Calls started and not yet ended on this silo.</summary>
    public long ActiveCalls => Interlocked.Read(ref _activeCalls);

    public void CallStarted()
    {
        _callsStarted.Add(1);
        _callsActive.Add(1);
        Interlocked.Increment(ref _callsStartedTotal);
        Interlocked.Increment(ref _activeCalls);
    }

    /// <summary>Call once per call, when it reaches its final state; pairs with <see cref="CallStarted"/>.</summary>
    public void CallEnded(CallDisposition disposition)
    {
        _callsEnded.Add(1, new KeyValuePair<string, object?>("disposition", DispositionTag(disposition)));
        _callsActive.Add(-1);
        Interlocked.Decrement(ref _activeCalls);
    }

    public void CallSetup(TimeSpan duration) => _setupDuration.Record(duration.TotalMilliseconds);

    public void Settled(TimeSpan duration) => _settlementDuration.Record(duration.TotalMilliseconds);

    /// <summary><paramref name="reason"/> must come from a small fixed set ("timeout", "unavailable", "database", "error").</summary>
    public void SettlementFailed(string reason) =>
        _settlementFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>One group commit of an account's journal: one round trip, however many rows.</summary>
    public void JournalWritten(int settlements, int leases, int renewals)
    {
        _journalWrites.Add(1);
        _journalRows.Add(settlements, new KeyValuePair<string, object?>("kind", "settlement"));
        _journalRows.Add(leases, new KeyValuePair<string, object?>("kind", "lease"));
        _journalRows.Add(renewals, new KeyValuePair<string, object?>("kind", "renewal"));
    }

    public void CallLost() => _callsLost.Add(1);

    /// <summary>An extension dialled an emergency number: <paramref name="routed"/> false when no trunk could take it.</summary>
    public void EmergencyCall(bool routed) =>
        _emergencyCalls.Add(1, new KeyValuePair<string, object?>("outcome", routed ? "routed" : "no-route"));

    public void FraudRefused(FraudRule rule) =>
        _fraudRefusals.Add(1, new KeyValuePair<string, object?>("rule", RuleTag(rule)));

    /// <summary>
    /// <paramref name="store"/> names the table family ("cdr", "ledger"…); <paramref name="sqlState"/> is folded to
    /// its two-character class (e.g. "08" connection, "40" rollback), which is all an alert needs.
    /// </summary>
    public void DatabaseError(string store, string? sqlState) =>
        _databaseErrors.Add(
            1,
            new KeyValuePair<string, object?>("store", store),
            new KeyValuePair<string, object?>("sqlstate_class", SqlStateClass(sqlState)));

    /// <summary>Folds a SQLSTATE to its class so the tag set stays small (PostgreSQL manual, Appendix A).</summary>
    public static string SqlStateClass(string? sqlState) =>
        sqlState is { Length: 5 } && char.IsAsciiLetterOrDigit(sqlState[0]) && char.IsAsciiLetterOrDigit(sqlState[1])
            ? sqlState[..2]
            : "none";

    // Lower-case constants rather than Enum.ToString(): an unknown value cannot mint a new series.
    private static string DispositionTag(CallDisposition disposition) => disposition switch
    {
        CallDisposition.Answered => "answered",
        CallDisposition.Busy => "busy",
        CallDisposition.NoAnswer => "no_answer",
        CallDisposition.Cancelled => "cancelled",
        CallDisposition.Declined => "declined",
        CallDisposition.NotFound => "not_found",
        CallDisposition.Failed => "failed",
        CallDisposition.Refused => "refused",
        CallDisposition.CreditExhausted => "credit_exhausted",
        _ => "other",
    };

    private static string RuleTag(FraudRule rule) => rule switch
    {
        FraudRule.ConcurrentCalls => "concurrent_calls",
        FraudRule.CallsPerMinute => "calls_per_minute",
        FraudRule.DailySpend => "daily_spend",
        FraudRule.BlockedDestination => "blocked_destination",
        FraudRule.CountryNotAllowed => "country_not_allowed",
        FraudRule.AccountLocked => "account_locked",
        _ => "other",
    };

    // Milliseconds: call setup spans ringing (seconds); settlement is a few database round trips.
    private static InstrumentAdvice<double> LatencyBuckets() => new()
    {
        HistogramBucketBoundaries = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000],
    };
}
