namespace Switchboard.Grains.Quality;

/// <summary>
/// The ITU-T E.164 country code that leads an international number: one digit for zones 1 and 7, two digits for
/// the codes assigned two digits, three for every other. Returns one shared string per code, so recording a call's
/// country allocates nothing.
/// </summary>
public static class CountryCode
{
    private static readonly string[] TwoDigit =
    [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86",
        "90", "91", "92", "93", "94", "95", "98",
    ];

    private static readonly Dictionary<int, string> Codes = Build();

    /// <summary>
    /// The country code of <paramref name="number"/> in international form (digits, optionally after <c>+</c> or
    /// <c>00</c>), or null when it is not one: an extension, a short code, a national number.
    /// </summary>
    public static string? Of(ReadOnlySpan<char> number)
    {
        if (number.StartsWith("+"))
        {
            number = number[1..];
        }
        else if (number.StartsWith("00"))
        {
            number = number[2..];
        }

        if (number.Length < 2 || number[0] is < '1' or > '9' || number.ContainsAnyExcept("0123456789"))
        {
            return null;
        }

        var one = number[0] - '0';
        if (one is 1 or 7)
        {
            return Codes[one];
        }

        var two = (one * 10) + (number[1] - '0');
        if (Codes.TryGetValue(two, out var code))
        {
            return code;
        }

        return number.Length >= 3 ? Codes[(two * 10) + (number[2] - '0')] : null;
    }

    private static Dictionary<int, string> Build()
    {
        var codes = new Dictionary<int, string> { [1] = "1", [7] = "7" };
        foreach (var code in TwoDigit)
        {
            codes[int.Parse(code, System.Globalization.CultureInfo.InvariantCulture)] = code;
        }

        var twoDigit = codes.Keys.Where(k => k >= 10).ToHashSet();
        for (var three = 100; three < 1000; three++)
        {
            if (three / 100 is not (1 or 7) && !twoDigit.Contains(three / 10))
            {
                codes[three] = three.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return codes;
    }
}
