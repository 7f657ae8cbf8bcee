using System.Buffers.Text;
using System.Text;

namespace Switchboard.Sip.Auth;

/// <summary>
/// Parses <c>Digest</c> credentials (RFC 3261 §25.1 <c>credentials</c>, RFC 7616 §3.4) from UTF-8 with the
/// shared <see cref="DigestParameterReader"/>. Stateless; every failure is a typed outcome, nothing is thrown for bad input.
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

        // RFC 3261 §25.1: credentials = ("Digest" LWS digest-response); the scheme is case-insensitive.
        if (!DigestParameterReader.TryStart(value, out var reader))
        {
            return false;
        }

        var fields = new Fields();
        var seen = 0;
        while (reader.TryRead(out var name, out var parameterValue))
        {
            var bit = fields.Assign(name.Span, parameterValue);
            if ((seen & bit) != 0)
            {
                // RFC 7616 §3.4: each directive appears at most once; a repeat is ambiguous, so refuse it.
                return false;
            }

            seen |= bit;
        }

        return !reader.IsMalformed && fields.TryBuild(out credentials, out failure);
    }

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
