using System.Buffers;
using System.Text;

namespace Switchboard.Sip;

public sealed partial class SipUri
{
    // user = 1*( unreserved / escaped / user-unreserved ), user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" (§25.1)
    private static readonly SearchValues<byte> UserChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()%&=+$,;?/"u8);

    // password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
    private static readonly SearchValues<byte> PasswordChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()%&=+$,"u8);

    private static readonly SearchValues<byte> HostNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-."u8);

    private static readonly SearchValues<byte> IPv6Chars = SearchValues.Create("0123456789abcdefABCDEF:."u8);

    // RFC 3966 §3: phonedigit-hex and visual separators, plus the global "+" prefix.
    private static readonly SearchValues<byte> TelChars = SearchValues.Create("0123456789abcdefABCDEF*#+-.()pw"u8);

    // uric (RFC 2396) minus whitespace and delimiters, for opaque absoluteURIs.
    private static readonly SearchValues<byte> OpaqueChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()%;/?:@&=+$,[]#"u8);

    private static bool TryParseCore(ReadOnlySpan<byte> s, SipUri? into)
    {
        int colon = s.IndexOf((byte)':');
        if (colon <= 0 || !IsScheme(s[..colon]))
        {
            return false;
        }

        var scheme = s[..colon];
        var rest = s[(colon + 1)..];
        if (rest.IsEmpty)
        {
            return false;
        }

        SipUriScheme kind = Ascii.EqualsIgnoreCase(scheme, "sip"u8) ? SipUriScheme.Sip
            : Ascii.EqualsIgnoreCase(scheme, "sips"u8) ? SipUriScheme.Sips
            : Ascii.EqualsIgnoreCase(scheme, "tel"u8) ? SipUriScheme.Tel
            : SipUriScheme.Other;
        if (into is not null)
        {
            into.Scheme = kind;
            into.SchemeName = kind == SipUriScheme.Other ? Encoding.ASCII.GetString(scheme) : Encoding.ASCII.GetString(scheme).ToLowerInvariant();
        }

        return kind switch
        {
            SipUriScheme.Tel => ParseTel(rest, into),
            SipUriScheme.Other => ParseOpaque(rest, into),
            _ => ParseSip(rest, into),
        };
    }

    private static bool IsScheme(ReadOnlySpan<byte> s)
    {
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (!char.IsAsciiLetter((char)s[0]))
        {
            return false;
        }

        foreach (byte b in s)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'+' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParseSip(ReadOnlySpan<byte> rest, SipUri? into)
    {
        // '@' cannot appear unescaped after the userinfo (host, params and headers exclude it), so the first one ends it.
        int at = rest.IndexOf((byte)'@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            int pc = userinfo.IndexOf((byte)':');
            var user = pc < 0 ? userinfo : userinfo[..pc];
            if (user.IsEmpty || user.ContainsAnyExcept(UserChars) || !UriEscaping.IsValid(user))
            {
                return false;
            }

            if (pc >= 0)
            {
                var password = userinfo[(pc + 1)..];
                if (password.ContainsAnyExcept(PasswordChars) || !UriEscaping.IsValid(password))
                {
                    return false;
                }

                if (into is not null)
                {
                    into.Password = Encoding.UTF8.GetString(password);
                }
            }

            if (into is not null)
            {
                into.User = Encoding.UTF8.GetString(user);
            }

            rest = rest[(at + 1)..];
        }

        int hostEnd = rest.IndexOfAny((byte)';', (byte)'?');
        var hostport = hostEnd < 0 ? rest : rest[..hostEnd];
        if (!TryParseHostPort(hostport, out int hostLength, out int? port))
        {
            return false;
        }

        if (into is not null)
        {
            into.Host = Encoding.ASCII.GetString(hostport[..hostLength]);
            into.Port = port;
        }

        rest = hostEnd < 0 ? default : rest[hostEnd..];
        int q = rest.IndexOf((byte)'?');
        var parameters = q < 0 ? rest : rest[..q];
        if (!SipParameters.TryParse(parameters, SipParameterSyntax.UriParameter, into?.Parameters))
        {
            return false;
        }

        return q < 0 || SipParameters.TryParse(rest[(q + 1)..], SipParameterSyntax.UriHeader, into?.Headers);
    }

    /// <summary>hostport = host [ ":" port ]; host = hostname / IPv4address / IPv6reference (§25.1).</summary>
    internal static bool TryParseHostPort(ReadOnlySpan<byte> s, out int hostLength, out int? port)
    {
        hostLength = 0;
        port = null;
        ReadOnlySpan<byte> host;
        ReadOnlySpan<byte> tail;
        if (!s.IsEmpty && s[0] == '[')
        {
            int close = s.IndexOf((byte)']');
            if (close < 3 || s[1..close].ContainsAnyExcept(IPv6Chars) || s[1..close].IndexOf((byte)':') < 0)
            {
                return false;
            }

            host = s[..(close + 1)];
            tail = s[(close + 1)..];
        }
        else
        {
            int c = s.IndexOf((byte)':');
            host = c < 0 ? s : s[..c];
            tail = c < 0 ? default : s[c..];
            if (host.IsEmpty || host.ContainsAnyExcept(HostNameChars) || host[0] == '-' || host[0] == '.')
            {
                return false;
            }
        }

        hostLength = host.Length;
        if (!tail.IsEmpty)
        {
            if (tail[0] != ':' || !SipSyntax.TryParseDigits(tail[1..], 65535, out long p))
            {
                return false;
            }

            port = (int)p;
        }

        return true;
    }

    private static bool ParseTel(ReadOnlySpan<byte> rest, SipUri? into)
    {
        int semi = rest.IndexOf((byte)';');
        var number = semi < 0 ? rest : rest[..semi];
        if (number.IsEmpty || number.ContainsAnyExcept(TelChars))
        {
            return false;
        }

        if (into is not null)
        {
            into.User = Encoding.ASCII.GetString(number);
        }

        return SipParameters.TryParse(semi < 0 ? default : rest[semi..], SipParameterSyntax.UriParameter, into?.Parameters);
    }

    private static bool ParseOpaque(ReadOnlySpan<byte> rest, SipUri? into)
    {
        if (rest.ContainsAnyExcept(OpaqueChars))
        {
            return false;
        }

        if (into is not null)
        {
            into.Opaque = Encoding.UTF8.GetString(rest);
        }

        return true;
    }
}
