using System.Text.RegularExpressions;

namespace Switchboard.Grains.Accounts;

/// <summary>
/// Account ids (<c>acct-demo</c>) start with a letter: Orleans stores a numeric- or hex-looking string key as an
/// integer key, and two such accounts would share one state row (docs/architecture.md, keys and storage rules).
/// </summary>
public static partial class AccountIds
{
    public const string Pattern = "^[a-z][a-z0-9-]{1,63}$";

    public static bool IsValid(string? accountId) => accountId is not null && Regex().IsMatch(accountId);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Regex();
}
