using System.Globalization;
using System.Text;

namespace Switchboard.Grains.Rating;

/// <summary>
/// Reads and writes rate decks as CSV (RFC 4180 quoting, one record per line):
/// <c>prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to</c>.
/// Increments are <c>first/next</c> seconds (<c>60/60</c>, <c>30/6</c>, <c>1/1</c>); money is EUR with at most six
/// fractional digits; dates are ISO 8601 in UTC, <c>effective_to</c> exclusive and optional. Every malformed row is
/// reported with its line number, so an operator fixes a file in one pass.
/// </summary>
public static class RateDeckCsv
{
    public const string Header = "prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to";

    /// <summary>Limits checked before work: E.164 allows 15 digits; anything longer than this line is not a rate row.</summary>
    public const int MaxPrefixDigits = 15;
    public const int MaxLineLength = 1024;
    public const int MaxIncrementSeconds = 3600;
    public const int MaxErrors = 1000;

    private const int ColumnCount = 8;
    private static readonly string[] HeaderColumns = Header.Split(',');

    public static RateDeckCsvResult Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<RateEntry>();
        var errors = new List<RateDeckError>();
        var lines = new List<int>(); // line number of each entry, to name the earlier row of a duplicate
        var seen = new Dictionary<string, int>(StringComparer.Ordinal); // prefix → first entry index
        var fields = new List<string>(ColumnCount);
        var lineNumber = 0;
        var headerSeen = false;

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (errors.Count >= MaxErrors)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Length > MaxLineLength)
            {
                errors.Add(new(lineNumber, $"line is longer than {MaxLineLength} characters"));
                continue;
            }

            if (SplitFields(line, fields) is { } splitError)
            {
                errors.Add(new(lineNumber, splitError));
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                if (!IsHeader(fields))
                {
                    errors.Add(new(lineNumber, $"expected the header '{Header}'"));
                    break;
                }

                continue;
            }

            var entry = ParseRow(fields, out var rowError);
            if (entry is null)
            {
                errors.Add(new(lineNumber, rowError!));
                continue;
            }

            if (FindOverlap(entries, seen, entry) is { } clash)
            {
                errors.Add(new(lineNumber, $"prefix {entry.Prefix} overlaps the effective period of line {lines[clash]}"));
                continue;
            }

            seen.TryAdd(entry.Prefix, entries.Count);
            entries.Add(entry);
            lines.Add(lineNumber);
        }

        if (!headerSeen)
        {
            errors.Add(new(Math.Max(1, lineNumber), "the file is empty; expected a header line"));
        }

        return errors.Count > 0 ? new([], errors) : new(entries, []);
    }

    public static string Write(IEnumerable<RateEntry> entries)
    {
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var e in entries)
        {
            csv.Append(e.Prefix).Append(',')
               .Append(Quote(e.Description)).Append(',')
               .Append(e.PricePerMinute.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(e.ConnectFee.ToString(CultureInfo.InvariantCulture)).Append(',')
               .Append(e.FirstIncrementSeconds).Append('/').Append(e.NextIncrementSeconds).Append(',')
               .Append(e.MinimumSeconds).Append(',')
               .Append(e.EffectiveFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
               .Append(e.EffectiveTo?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
               .Append('\n');
        }

        return csv.ToString();
    }

    private static bool IsHeader(List<string> fields) =>
        fields.Count == ColumnCount &&
        fields.Select(f => f.Trim()).SequenceEqual(HeaderColumns, StringComparer.OrdinalIgnoreCase);

    private static int? FindOverlap(List<RateEntry> entries, Dictionary<string, int> seen, RateEntry entry)
    {
        if (!seen.TryGetValue(entry.Prefix, out var first))
        {
            return null;
        }

        // Rows of one prefix are rare beyond the first (dated price changes), so a scan from the first is cheap.
        for (var i = first; i < entries.Count; i++)
        {
            var other = entries[i];
            if (other.Prefix == entry.Prefix &&
                entry.EffectiveFrom < (other.EffectiveTo ?? DateTimeOffset.MaxValue) &&
                other.EffectiveFrom < (entry.EffectiveTo ?? DateTimeOffset.MaxValue))
            {
                return i;
            }
        }

        return null;
    }

    private static RateEntry? ParseRow(List<string> f, out string? error)
    {
        error = null;
        if (f.Count != ColumnCount)
        {
            error = $"expected {ColumnCount} columns, found {f.Count}";
            return null;
        }

        var prefix = f[0].Trim().TrimStart('+');
        if (prefix.Length is 0 or > MaxPrefixDigits || !prefix.All(char.IsAsciiDigit))
        {
            error = $"prefix '{f[0]}' must be 1 to {MaxPrefixDigits} digits";
            return null;
        }

        if (!TryMoney(f[2], out var price))
        {
            error = $"price_per_minute '{f[2]}' must be a non-negative amount with at most {Tariff.MoneyDecimals} decimals";
            return null;
        }

        if (!TryMoney(f[3], out var connect))
        {
            error = $"connect_fee '{f[3]}' must be a non-negative amount with at most {Tariff.MoneyDecimals} decimals";
            return null;
        }

        if (!TryIncrements(f[4], out var first, out var next))
        {
            error = $"increments '{f[4]}' must be first/next seconds between 1 and {MaxIncrementSeconds}, e.g. 60/60 or 30/6";
            return null;
        }

        if (!int.TryParse(f[5].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minimum) || minimum > MaxIncrementSeconds)
        {
            error = $"minimum_seconds '{f[5]}' must be a whole number from 0 to {MaxIncrementSeconds}";
            return null;
        }

        if (!TryDate(f[6], DateTimeOffset.UnixEpoch, out var from))
        {
            error = $"effective_from '{f[6]}' must be an ISO 8601 date or time";
            return null;
        }

        DateTimeOffset? to = null;
        if (!string.IsNullOrWhiteSpace(f[7]))
        {
            if (!TryDate(f[7], DateTimeOffset.UnixEpoch, out var parsedTo))
            {
                error = $"effective_to '{f[7]}' must be an ISO 8601 date or time";
                return null;
            }

            if (parsedTo <= from)
            {
                error = $"effective_to {f[7].Trim()} must be after effective_from";
                return null;
            }

            to = parsedTo;
        }

        return new RateEntry(prefix, f[1].Trim(), price, connect, first, next, minimum, from, to);
    }

    private static bool TryMoney(string text, out decimal amount) =>
        decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) &&
        amount.Scale <= Tariff.MoneyDecimals && amount < 1_000_000m;

    private static bool TryIncrements(string text, out int first, out int next)
    {
        first = next = 0;
        var slash = text.IndexOf('/');
        return slash > 0
            && int.TryParse(text[..slash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(text[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out next)
            && first is >= 1 and <= MaxIncrementSeconds
            && next is >= 1 and <= MaxIncrementSeconds;
    }

    private static bool TryDate(string text, DateTimeOffset empty, out DateTimeOffset value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = empty;
            return true;
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>RFC 4180 fields of one line; a quote inside a quoted field is doubled. Returns an error or null.</summary>
    private static string? SplitFields(string line, List<string> fields)
    {
        fields.Clear();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return "unterminated quoted field";
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return "text after a closing quote";
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                field.Append(line, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return null;
            }

            i++; // the comma
        }
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
