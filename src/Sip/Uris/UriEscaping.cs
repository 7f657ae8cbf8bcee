using System.Text;

namespace Switchboard.Sip;

/// <summary>The "%" HEXDIG HEXDIG escaping of RFC 3261 §19.1.2 and RFC 3986 §2.1.</summary>
public static class UriEscaping
{
    /// <summary>True when every "%" is followed by two hex digits.</summary>
    public static bool IsValid(ReadOnlySpan<byte> s)
    {
        int i = s.IndexOf((byte)'%');
        while (i >= 0)
        {
            if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
            {
                return false;
            }

            int next = s[(i + 3)..].IndexOf((byte)'%');
            i = next < 0 ? -1 : i + 3 + next;
        }

        return true;
    }

    /// <summary>Decodes %HH sequences (UTF-8); "sip:%61lice@" and "sip:alice@" name the same user (§19.1.4).</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('%', StringComparison.Ordinal))
        {
            return s;
        }

        var bytes = new List<byte>(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && IsHex((byte)s[i + 1]) && IsHex((byte)s[i + 2]))
            {
                bytes.Add((byte)((HexValue((byte)s[i + 1]) << 4) | HexValue((byte)s[i + 2])));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
