using System.Text.Json;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Rating;
using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Storage.Postgres;

/// <summary>
/// Enum ↔ column text and jsonb payloads. Columns hold lower-case words an operator can read and CHECK constraints
/// can list, never enum numbers, so reordering an enum cannot corrupt history.
/// </summary>
internal static class PgText
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Status(AccountStatus s) => s switch
    {
        AccountStatus.Active => "active",
        AccountStatus.Locked => "locked",
        AccountStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    public static AccountStatus Status(string s) => s switch
    {
        "active" => AccountStatus.Active,
        "locked" => AccountStatus.Locked,
        "cancelled" => AccountStatus.Cancelled,
        _ => throw new InvalidDataException($"Unknown account status '{s}'"),
    };

    public static string Kind(LedgerEntryKind k) => k switch
    {
        LedgerEntryKind.Call => "call",
        LedgerEntryKind.Credit => "credit",
        LedgerEntryKind.TopUp => "topup",
        LedgerEntryKind.CarriedForward => "carried",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, null),
    };

    public static LedgerEntryKind Kind(string k) => k switch
    {
        "call" => LedgerEntryKind.Call,
        "credit" => LedgerEntryKind.Credit,
        "topup" => LedgerEntryKind.TopUp,
        "carried" => LedgerEntryKind.CarriedForward,
        _ => throw new InvalidDataException($"Unknown ledger kind '{k}'"),
    };

    public static string PlanKind(RatePlanKind k) => k == RatePlanKind.Carrier ? "carrier" : "retail";

    public static RatePlanKind PlanKind(string k) => k == "carrier" ? RatePlanKind.Carrier : RatePlanKind.Retail;

    public static string TopUpState(TopUpStatus s) => s == TopUpStatus.Credited ? "credited" : "pending";

    public static TopUpStatus TopUpState(string s) => s == "credited" ? TopUpStatus.Credited : TopUpStatus.Pending;

    // Enum names lower-cased: the enums are ours and their names are stable (Alias'd on the wire); numbers are not stored.
    public static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static T ParseLower<T>(string text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value : throw new InvalidDataException($"Unknown {typeof(T).Name} '{text}'");

    public static string FraudRule(FraudRule rule) => Lower(rule);

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException("null JSON payload");
}
