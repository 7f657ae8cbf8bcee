namespace Switchboard.Sip;

/// <summary>
/// Splits a list header value on commas (RFC 3261 §7.3.1), skipping commas inside quoted-strings and inside
/// &lt;...&gt; (a URI with a comma must be bracketed, §20.10).
/// </summary>
internal static class HeaderValueSplitter
{
    /// <summary>Returns the next trimmed element at or after <paramref name="position"/>; empty elements are skipped.</summary>
    public static bool TryNext(ReadOnlySpan<byte> value, ref int position, out Range element)
    {
        while (position < value.Length)
        {
            int start = position;
            int end = FindComma(value, start);
            position = end < 0 ? value.Length : end + 1;
            var slice = value[start..(end < 0 ? value.Length : end)];
            int first = slice.IndexOfAnyExcept(SipSyntax.Whitespace);
            if (first < 0)
            {
                continue;
            }

            int last = slice.LastIndexOfAnyExcept(SipSyntax.Whitespace);
            element = (start + first)..(start + last + 1);
            return true;
        }

        element = default;
        return false;
    }

    private static int FindComma(ReadOnlySpan<byte> s, int from)
    {
        bool quoted = false;
        bool angle = false;
        for (int i = from; i < s.Length; i++)
        {
            byte b = s[i];
            if (quoted)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    quoted = false;
                }
            }
            else if (angle)
            {
                angle = b != '>';
            }
            else if (b == '"')
            {
                quoted = true;
            }
            else if (b == '<')
            {
                angle = true;
            }
            else if (b == ',')
            {
                return i;
            }
        }

        return -1;
    }
}
