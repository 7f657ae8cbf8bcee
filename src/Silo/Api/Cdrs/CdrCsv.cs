using System.Globalization;
using System.Text;
using Switchboard.Grains.Billing;

namespace Switchboard.Silo.Api.Cdrs;

/// <summary>CDRs as CSV for finance tools: one header line, RFC 4180 quoting, UTC ISO 8601 times, invariant numbers.</summary>
public static class CdrCsv
{
    public const string Header =
        "call_id,account_id,tenant_id,caller,callee,direction,started_at,answered_at,ended_at,duration_seconds,billed_seconds,cost,carrier_cost,final_sip_status,disposition,trunk_id";

    public static string Write(IEnumerable<CallDetailRecord> records)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var r in records)
        {
            string[] fields =
            [
                r.CallId, r.AccountId, r.TenantId, r.Caller, r.Callee, Kebab(r.Direction.ToString()),
                Time(r.StartedAt), r.AnsweredAt is { } a ? Time(a) : "", Time(r.EndedAt),
                Number(r.DurationSeconds), Number(r.BilledSeconds),
                r.Cost.ToString(CultureInfo.InvariantCulture), r.CarrierCost.ToString(CultureInfo.InvariantCulture),
                Number(r.FinalSipStatus), Kebab(r.Disposition.ToString()), r.TrunkId ?? "",
            ];
            csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    // Same spelling as the JSON (kebab-case enum names), so both exports read alike.
    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
