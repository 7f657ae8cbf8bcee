using System.Globalization;
using System.Text;
using Switchboard.Grains.Rating;

namespace Switchboard.Billing.Benchmarks;

/// <summary>
/// A deterministic 100,000-prefix deck shaped like a carrier A-Z deck: country codes, then operator and area
/// prefixes of 3 to 9 digits, with numbers that hit prefixes of every depth plus some that only match the country.
/// </summary>
internal static class SyntheticDeck
{
    public static string Csv(int rows, int seed = 42)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>();
        var csv = new StringBuilder(rows * 48).Append(RateDeckCsv.Header).Append('\n');
        while (seen.Count < rows)
        {
            var country = Countries[random.Next(Countries.Length)];
            var prefix = seen.Count < Countries.Length ? Countries[seen.Count] : country + random.NextInt64(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)[..random.Next(1, 8)];
            if (seen.Add(prefix))
            {
                var price = (random.Next(1, 200_000) / 100_000m).ToString(CultureInfo.InvariantCulture);
                csv.Append(prefix).Append(",Destination ").Append(seen.Count).Append(',').Append(price).Append(",0,60/60,0,2026-01-01,\n");
            }
        }

        return csv.ToString();
    }

    public static string[] Numbers(int count, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            Countries[random.Next(Countries.Length)] + random.NextInt64(0, 10_000_000_000).ToString("D10", CultureInfo.InvariantCulture))];
    }

    private static readonly string[] Countries =
        ["1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
         "51", "52", "54", "55", "56", "57", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92",
         "234", "254", "351", "352", "353", "358", "359", "370", "371", "372", "380", "385", "420", "421", "966", "971", "972"];
}
