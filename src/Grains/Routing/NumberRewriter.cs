namespace Switchboard.Grains.Routing;

/// <summary>Applies a trunk's rewrite rules to a dialled number: the first rule whose prefix matches wins.</summary>
public static class NumberRewriter
{
    public static string Apply(IReadOnlyList<NumberRewriteRule> rules, string number)
    {
        foreach (var rule in rules)
        {
            if (number.StartsWith(rule.Prefix, StringComparison.Ordinal))
            {
                return rule.Replacement + number[rule.Prefix.Length..];
            }
        }

        return number;
    }

    /// <summary>
    /// The destination billing rates: E.164 digits without '+' (a leading '+' and visual separators of a
    /// tel-style number, RFC 3966 §5.1.1, are dropped).
    /// </summary>
    public static string ToBillingDestination(string dialled)
    {
        var digits = new System.Text.StringBuilder(dialled.Length);
        foreach (var c in dialled)
        {
            if (c is '-' or '.' or '(' or ')' or ' ')
            {
                continue;
            }

            if (c == '+' && digits.Length == 0)
            {
                continue;
            }

            digits.Append(c);
        }

        return digits.ToString();
    }
}
