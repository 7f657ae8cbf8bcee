using System.Buffers;
using System.Text;

namespace Switchboard.Sip;

/// <summary>Character classes and small span helpers from the RFC 3261 §25.1 grammar.</summary>
internal static class SipSyntax
{
    public const byte CR = (byte)'\r';
    public const byte LF = (byte)'\n';
    public const byte SP = (byte)' ';
    public const byte HT = (byte)'\t';

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" ).</summary>
    public static readonly SearchValues<byte> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    /// <summary>Characters that may appear in a host, an IPv6 reference or a port.</summary>
    public static readonly SearchValues<byte> HostChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.[]:"u8);

    /// <summary>LWS includes CR and LF because a folded value (§7.3.1) keeps its CRLF inside the indexed range.</summary>
    public static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    public static bool IsWhitespace(byte b) => b is SP or HT or CR or LF;

    public static bool IsToken(ReadOnlySpan<byte> s) => !s.IsEmpty && !s.ContainsAnyExcept(TokenChars);

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = s.IndexOfAnyExcept(Whitespace);
        if (start < 0)
        {
            return default;
        }

        int end = s.LastIndexOfAnyExcept(Whitespace);
        return s.Slice(start, end - start + 1);
    }

    /// <summary>Parses 1*DIGIT with no sign; false on overflow past <paramref name="max"/>.</summary>
    public static bool TryParseDigits(ReadOnlySpan<byte> s, long max, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19)
        {
            return false;
        }

        foreach (byte b in s)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes header text (UTF-8 per §7.3.1 TEXT-UTF8), collapsing each fold (CRLF + WSP) to one space.</summary>
    public static string ToUnfoldedString(ReadOnlySpan<byte> s)
    {
        if (s.IndexOfAny(CR, LF) < 0)
        {
            return Encoding.UTF8.GetString(s);
        }

        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            int brk = s[i..].IndexOfAny(CR, LF);
            if (brk < 0)
            {
                sb.Append(Encoding.UTF8.GetString(s[i..]));
                break;
            }

            sb.Append(Encoding.UTF8.GetString(s.Slice(i, brk)));
            i += brk;
            while (i < s.Length && IsWhitespace(s[i]))
            {
                i++;
            }

            sb.Append(' ');
        }

        return sb.ToString();
    }

    /// <summary>Index of the first byte in <paramref name="s"/> equal to <paramref name="target"/> and outside a quoted-string.</summary>
    public static int IndexOfUnquoted(ReadOnlySpan<byte> s, byte target)
    {
        bool quoted = false;
        for (int i = 0; i < s.Length; i++)
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
            else if (b == '"')
            {
                quoted = true;
            }
            else if (b == target)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Length of the quoted-string starting at s[0] == '"', closing quote included; -1 if unterminated.
    /// quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F), §25.1.
    /// </summary>
    public static int QuotedStringLength(ReadOnlySpan<byte> s)
    {
        for (int i = 1; i < s.Length; i++)
        {
            byte b = s[i];
            if (b == '\\')
            {
                if (i + 1 >= s.Length || s[i + 1] is CR or LF || s[i + 1] > 0x7F)
                {
                    return -1;
                }

                i++;
            }
            else if (b == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>Removes the surrounding quotes and resolves quoted-pairs.</summary>
    public static string Unquote(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"')
        {
            return ToUnfoldedString(s);
        }

        var inner = s[1..^1];
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return ToUnfoldedString(inner);
        }

        var buffer = inner.Length <= 256 ? stackalloc byte[inner.Length] : new byte[inner.Length];
        int n = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            buffer[n++] = inner[i];
        }

        return ToUnfoldedString(buffer[..n]);
    }
}
