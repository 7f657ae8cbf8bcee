namespace Switchboard.Sip;

public sealed partial class SipParser
{
    /// <summary>
    /// Request-Line = Method SP Request-URI SP SIP-Version; Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
    /// (§7.1, §7.2). Exactly one SP separates the elements (RFC 4475 §3.1.2.7 rejects extra whitespace).
    /// </summary>
    private static SipParseErrorReason ParseStartLine(ReadOnlySpan<byte> line, ref MessageLayout layout, out bool isRequest)
    {
        isRequest = !line.StartsWith("SIP/"u8);
        return isRequest ? ParseRequestLine(line, ref layout) : ParseStatusLine(line, ref layout);
    }

    private static SipParseErrorReason ParseRequestLine(ReadOnlySpan<byte> line, ref MessageLayout layout)
    {
        int sp1 = line.IndexOf(SipSyntax.SP);
        if (sp1 <= 0)
        {
            return SipParseErrorReason.InvalidStartLine;
        }

        if (!SipMethod.TryParse(line[..sp1], out var method))
        {
            return SipParseErrorReason.InvalidMethod;
        }

        layout.Method = method;
        int sp2 = line.LastIndexOf(SipSyntax.SP);
        if (sp2 <= sp1 + 1)
        {
            return SipParseErrorReason.InvalidStartLine;
        }

        layout.UriStart = sp1 + 1;
        layout.UriLength = sp2 - sp1 - 1;
        var uri = line.Slice(layout.UriStart, layout.UriLength);
        var versionError = CheckVersion(line[(sp2 + 1)..]);
        if (versionError == SipParseErrorReason.InvalidStartLine)
        {
            return versionError;
        }

        if (uri.IndexOfAny(SipSyntax.Whitespace) >= 0)
        {
            return SipParseErrorReason.InvalidRequestUri;
        }

        // The scheme decides between 416 (we do not speak it, §8.2.2.1) and 400 (we do, but it is malformed).
        int colon = uri.IndexOf((byte)':');
        if (colon <= 0)
        {
            return SipParseErrorReason.InvalidRequestUri;
        }

        var scheme = uri[..colon];
        bool known = System.Text.Ascii.EqualsIgnoreCase(scheme, "sip"u8) || System.Text.Ascii.EqualsIgnoreCase(scheme, "sips"u8)
            || System.Text.Ascii.EqualsIgnoreCase(scheme, "tel"u8);
        if (!known)
        {
            return SipUri.IsValid(uri) ? SipParseErrorReason.UnsupportedUriScheme : SipParseErrorReason.InvalidRequestUri;
        }

        // §19.1.5: URI headers ("?Route=...") are not allowed in a Request-URI (RFC 4475 §3.1.2.11). A '?' in the
        // user part is legal, so look only after the userinfo.
        int at = uri.IndexOf((byte)'@');
        if (!SipUri.IsValid(uri) || uri[(at + 1)..].IndexOf((byte)'?') >= 0)
        {
            return SipParseErrorReason.InvalidRequestUri;
        }

        return versionError;
    }

    private static SipParseErrorReason ParseStatusLine(ReadOnlySpan<byte> line, ref MessageLayout layout)
    {
        int sp = line.IndexOf(SipSyntax.SP);
        if (sp < 0)
        {
            return SipParseErrorReason.InvalidStartLine;
        }

        var versionError = CheckVersion(line[..sp]);
        if (versionError != SipParseErrorReason.None)
        {
            return SipParseErrorReason.InvalidStartLine;
        }

        var rest = line[(sp + 1)..];
        if (rest.Length < 3 || !SipSyntax.TryParseDigits(rest[..3], 999, out long code) || code < 100 || code > 699
            || (rest.Length > 3 && rest[3] != SipSyntax.SP))
        {
            return SipParseErrorReason.InvalidStatusCode;
        }

        layout.StatusCode = (int)code;
        layout.ReasonStart = sp + 1 + Math.Min(rest.Length, 4);
        layout.ReasonLength = line.Length - layout.ReasonStart;
        return SipParseErrorReason.None;
    }

    /// <summary>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; "SIP" is case-insensitive. Only 2.0 is spoken (§7.1).</summary>
    private static SipParseErrorReason CheckVersion(ReadOnlySpan<byte> version)
    {
        if (version.Length < 7 || !System.Text.Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            return SipParseErrorReason.InvalidStartLine;
        }

        var number = version[4..];
        int dot = number.IndexOf((byte)'.');
        if (dot <= 0 || !SipSyntax.TryParseDigits(number[..dot], 999, out long major) || !SipSyntax.TryParseDigits(number[(dot + 1)..], 999, out long minor))
        {
            return SipParseErrorReason.InvalidStartLine;
        }

        return major == 2 && minor == 0 ? SipParseErrorReason.None : SipParseErrorReason.UnsupportedVersion;
    }
}
