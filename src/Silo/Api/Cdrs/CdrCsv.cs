using System.Globalization;
using System.Text;
using Switchboard.Grains.Billing;

namespace Switchboard.Silo.Api.Cdrs;

/// <summary>
/// CDRs as CSV for finance tools: one header line, RFC 4180 quoting, UTC ISO 8601 times, invariant numbers. Text
/// fields come from SIP headers a caller controls, so a spreadsheet must not read them as formulas (OWASP "CSV
/// injection"): one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR gets a leading <c>'</c>.
/// A tenant's export has no <c>carrier_cost</c> column (<see cref="Write"/> with <c>carrierColumns</c> false).
/// </summary>
public static class CdrCsv
{
    public const string Header =
        "call_id,account_id,tenant_id,caller,callee,direction,started_at,answered_at,ended_at,duration_seconds,billed_seconds,cost,carrier_cost,final_sip_status,disposition,trunk_id";

    public const string TenantHeader =
        "call_id,account_id,tenant_id,caller,callee,direction,started_at,answered_at,ended_at,duration_seconds,billed_seconds,cost,final_sip_status,disposition,trunk_id";

    public static string Write(IEnumerable<CallDetailRecord> records, bool carrierColumns = true)
    {
        var csv = new StringBuilder(carrierColumns ? Header : TenantHeader).Append("\r\n");
        var fields = new List<string>(16);
        foreach (var r in records)
        {
            fields.Clear();
            fields.AddRange([
                Text(r.CallId), Text(r.AccountId), Text(r.TenantId), Text(r.Caller), Text(r.Callee), Kebab(r.Direction.ToString()),
                Time(r.StartedAt), r.AnsweredAt is { } a ? Time(a) : "", Time(r.EndedAt),
                Number(r.DurationSeconds), Number(r.BilledSeconds), r.Cost.ToString(CultureInfo.InvariantCulture),
            ]);
            if (carrierColumns)
            {
                fields.Add(r.CarrierCost.ToString(CultureInfo.InvariantCulture));
            }

            fields.AddRange([Number(r.FinalSipStatus), Kebab(r.Disposition.ToString()), Text(r.TrunkId ?? "")]);
            csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A text field a spreadsheet will not evaluate: prefixed with <c>'</c> when it starts like a formula.</summary>
    public static string Text(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    // Same spelling as the JSON (kebab-case enum names), so both exports read alike.
    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n\t") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
