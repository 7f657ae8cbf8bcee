using System.Collections.Frozen;

namespace Switchboard.Grains.Emergency;

/// <summary>
/// The emergency numbers a country's phones must reach, for the countries we know. A tenant names its country
/// (<see cref="EmergencyPolicy.Country"/>) and gets that country's list; without a country it gets
/// <see cref="Default"/>, 112 and 911, the two numbers every GSM handset treats as emergency calls worldwide
/// (3GPP TS 22.101 §10.1.1). The list is what we know, not the law: an operator adds what a country also requires
/// (<see cref="EmergencyPolicy.Numbers"/>).
/// </summary>
public static class EmergencyNumbers
{
    public static IReadOnlyList<string> Default { get; } = ["112", "911"];

    private static readonly FrozenDictionary<string, string[]> ByCountry = new Dictionary<string, string[]>
    {
        ["AT"] = ["112", "122", "133", "144"],
        ["AU"] = ["000", "112", "106"],
        ["BE"] = ["112", "100", "101"],
        ["BR"] = ["190", "192", "193"],
        ["CA"] = ["911"],
        ["CH"] = ["112", "117", "118", "144"],
        ["CN"] = ["110", "119", "120", "122"],
        ["DE"] = ["112", "110"],
        ["DK"] = ["112"],
        ["ES"] = ["112", "091", "092", "061", "062"],
        ["FI"] = ["112"],
        ["FR"] = ["112", "15", "17", "18", "114", "115"],
        ["GB"] = ["999", "112"],
        ["HK"] = ["999", "112"],
        ["IE"] = ["112", "999"],
        ["IN"] = ["112", "100", "101", "102", "108"],
        ["IT"] = ["112", "113", "115", "118"],
        ["JP"] = ["110", "119", "118"],
        ["KR"] = ["112", "119"],
        ["MX"] = ["911"],
        ["NL"] = ["112"],
        ["NO"] = ["112", "110", "113"],
        ["NZ"] = ["111"],
        ["PL"] = ["112", "997", "998", "999"],
        ["PT"] = ["112"],
        ["SE"] = ["112"],
        ["SG"] = ["995", "999"],
        ["US"] = ["911"],
        ["ZA"] = ["10111", "10177", "112"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Anywhere =
        ByCountry.Values.SelectMany(n => n).Concat(Default).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="dialled"/> is an emergency number in any country we know: for an edge, which does not
    /// know the caller's tenant when it must decide (a tenant's own extra numbers are not in it).
    /// </summary>
    public static bool IsKnownAnywhere(string? dialled) => dialled is not null && Anywhere.Contains(dialled);

    /// <summary>The countries with a built-in list, ISO 3166-1 alpha-2.</summary>
    public static IEnumerable<string> Countries => ByCountry.Keys;

    public static bool Knows(string country) => ByCountry.ContainsKey(country);

    /// <summary>The country's list; <see cref="Default"/> for none or one we do not know.</summary>
    public static IReadOnlyList<string> For(string? country) =>
        country is not null && ByCountry.TryGetValue(country, out var numbers) ? numbers : Default;
}
