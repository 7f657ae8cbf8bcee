using System.Buffers.Text;
using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>
/// Parses <c>Digest</c> credentials (RFC 3261 §25.1 <c>credentials</c>, RFC 7616 §3.4) from UTF-8. Stateless;
/// every failure is a typed outcome, nothing is thrown for bad input.
/// </summary>
public static class DigestCredentialsParser
{
    /// <summary>Values longer than this are refused before any copying (a nonce of ours is 43 characters).</summary>
    public const int MaxValueLength = 8192;

    public static bool TryParse(ReadOnlyMemory<byte> value, out DigestCredentials credentials, out DigestVerifyOutcome failure)
    {
        credentials = default;
        failure = DigestVerifyOutcome.Malformed;
        if (value.Length > MaxValueLength)
        {
            return false;
        }

        var span = value.Span;
        var pos = SkipWhitespace(span, 0);

        // RFC 3261 §25.1: credentials = ("Digest" LWS digest-response); the scheme is case-insensitive.
        if (span.Length - pos < 7 || !Ascii.EqualsIgnoreCase(span.Slice(pos, 6), "Digest"u8) || !IsWhitespace(span[pos + 6]))
        {
            return false;
        }

        pos += 6;
        var fields = new Fields();
        var seen = 0;
        while (true)
        {
            pos = SkipWhitespace(span, pos);
            var nameStart = pos;
            while (pos < span.Length && IsTokenChar(span[pos]))
            {
                pos++;
            }

            if (pos == nameStart)
            {
                return false;
            }

            var name = span[nameStart..pos];
            pos = SkipWhitespace(span, pos);
            if (pos >= span.Length || span[pos] != (byte)'=')
            {
                return false;
            }

            pos = SkipWhitespace(span, pos + 1);
            if (!TryReadValue(value, ref pos, out var parameterValue))
            {
                return false;
            }

            var bit = fields.Assign(name, parameterValue);
            if ((seen & bit) != 0)
            {
                // RFC 7616 §3.4: each directive appears at most once; a repeat is ambiguous, so refuse it.
                return false;
            }

            seen |= bit;
            pos = SkipWhitespace(span, pos);
            if (pos == span.Length)
            {
                break;
            }

            if (span[pos] != (byte)',')
            {
                return false;
            }

            pos++;
        }

        return fields.TryBuild(out credentials, out failure);
    }

    /// <summary>token or quoted-string (RFC 3261 §25.1); quoted-pairs force an unescaped copy.</summary>
    private static bool TryReadValue(ReadOnlyMemory<byte> value, ref int pos, out ReadOnlyMemory<byte> result)
    {
        var span = value.Span;
        result = default;
        if (pos >= span.Length)
        {
            return false;
        }

        if (span[pos] != (byte)'"')
        {
            var start = pos;
            while (pos < span.Length && IsTokenChar(span[pos]))
            {
                pos++;
            }

            result = value[start..pos];
            return pos > start;
        }

        var contentStart = ++pos;
        var escaped = false;
        while (pos < span.Length)
        {
            var b = span[pos];
            if (b == (byte)'"')
            {
                result = escaped ? Unescape(span[contentStart..pos]) : value[contentStart..pos];
                pos++;
                return true;
            }

            if (b == (byte)'\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): CR and LF may not be escaped.
                if (pos + 1 >= span.Length || span[pos + 1] is (byte)'\r' or (byte)'\n' or > 0x7F)
                {
                    return false;
                }

                escaped = true;
                pos += 2;
                continue;
            }

            if (b is (byte)'\r' or (byte)'\n' or < 0x20 and not (byte)'\t')
            {
                // Folding is undone by the message layer; a bare control character here is malformed.
                return false;
            }

            pos++;
        }

        return false;
    }

    private static ReadOnlyMemory<byte> Unescape(ReadOnlySpan<byte> quoted)
    {
        var buffer = new byte[quoted.Length];
        var length = 0;
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == (byte)'\\')
            {
                i++;
            }

            buffer[length++] = quoted[i];
        }

        return buffer.AsMemory(0, length);
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> span, int pos)
    {
        while (pos < span.Length && IsWhitespace(span[pos]))
        {
            pos++;
        }

        return pos;
    }

    // LWS/SWS: spaces and tabs, plus CRLF in case the caller kept folded lines (RFC 3261 §25.1 LWS).
    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    // RFC 3261 §25.1 token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
    private static bool IsTokenChar(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'!' or (byte)'%' or (byte)'*' or (byte)'_' or (byte)'+' or (byte)'`'
            or (byte)'\'' or (byte)'~';

    /// <summary>Directive slots filled while scanning; unknown auth-params are ignored (RFC 3261 §25.1 auth-param).</summary>
    private struct Fields
    {
        private ReadOnlyMemory<byte> _username, _realm, _nonce, _uri, _response, _cnonce, _opaque, _qop, _nc, _algorithm, _userhash;

        public int Assign(ReadOnlySpan<byte> name, ReadOnlyMemory<byte> value)
        {
            switch (name.Length)
            {
                case 8 when Ascii.EqualsIgnoreCase(name, "username"u8): _username = value; return 1;
                case 5 when Ascii.EqualsIgnoreCase(name, "realm"u8): _realm = value; return 2;
                case 5 when Ascii.EqualsIgnoreCase(name, "nonce"u8): _nonce = value; return 4;
                case 3 when Ascii.EqualsIgnoreCase(name, "uri"u8): _uri = value; return 8;
                case 8 when Ascii.EqualsIgnoreCase(name, "response"u8): _response = value; return 16;
                case 6 when Ascii.EqualsIgnoreCase(name, "cnonce"u8): _cnonce = value; return 32;
                case 6 when Ascii.EqualsIgnoreCase(name, "opaque"u8): _opaque = value; return 64;
                case 3 when Ascii.EqualsIgnoreCase(name, "qop"u8): _qop = value; return 128;
                case 2 when Ascii.EqualsIgnoreCase(name, "nc"u8): _nc = value; return 256;
                case 9 when Ascii.EqualsIgnoreCase(name, "algorithm"u8): _algorithm = value; return 512;
                case 8 when Ascii.EqualsIgnoreCase(name, "userhash"u8): _userhash = value; return 1024;
                default: return 0;
            }
        }

        public readonly bool TryBuild(out DigestCredentials credentials, out DigestVerifyOutcome failure)
        {
            credentials = default;
            failure = DigestVerifyOutcome.Malformed;

            // RFC 3261 §22.4 / RFC 7616 §3.4: these directives are mandatory in every digest-response.
            if (_username.IsEmpty || _nonce.IsEmpty || _uri.IsEmpty || _response.IsEmpty || _realm.IsEmpty)
            {
                return false;
            }

            // We never offer userhash (RFC 7616 §3.4.4), so a hashed username cannot be looked up.
            if (!_userhash.IsEmpty && !Ascii.EqualsIgnoreCase(_userhash.Span, "false"u8))
            {
                return false;
            }

            var algorithm = DigestAlgorithm.Md5;
            if (!_algorithm.IsEmpty && !DigestHasher.TryParseToken(_algorithm.Span, out algorithm))
            {
                failure = DigestVerifyOutcome.UnknownAlgorithm;
                return false;
            }

            if (_response.Length != DigestHasher.HashLength(algorithm) * 2)
            {
                return false;
            }

            uint nonceCount = 0;
            if (!_qop.IsEmpty)
            {
                // RFC 7616 §3.4: with qop, cnonce and nc (exactly 8 LHEX, counting from 1) are required.
                if (_cnonce.IsEmpty || _nc.Length != 8
                    || !Utf8Parser.TryParse(_nc.Span, out nonceCount, out var consumed, 'x') || consumed != 8
                    || nonceCount == 0)
                {
                    return false;
                }
            }

            credentials = new DigestCredentials(
                _username, _realm, _nonce, _uri, _response, _cnonce, _opaque, _qop, _nc, nonceCount, algorithm);
            failure = DigestVerifyOutcome.Ok;
            return true;
        }
    }
}
