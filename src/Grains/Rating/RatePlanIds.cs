using System.Text.RegularExpressions;

namespace Switchboard.Grains.Rating;

/// <summary>Plan ids start with a letter (architecture: grain and row keys never look numeric) and stay URL-safe.</summary>
public static partial class RatePlanIds
{
    public const string Pattern = "^[a-z][a-z0-9-]{1,63}$";

    public static bool IsValid(string? planId) => planId is not null && Regex().IsMatch(planId);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Regex();
}
