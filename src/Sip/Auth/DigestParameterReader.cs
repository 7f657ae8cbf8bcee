namespace Switchboard.Sip.Auth;

/// <summary>
/// Reads the <c>auth-param</c> list after the <c>Digest</c> scheme (RFC 3261 §25.1 <c>challenge</c> and
/// <c>credentials</c>, RFC 7616 §3.3 and §3.4): <c>name = (token / quoted-string)</c>, comma separated, LWS between.
/// The one lexer behind both the server's credentials parser and the client's challenge parser. Values are
/// slices of the input; a quoted-string holding a quoted-pair is the only case that copies.
/// </summary>
internal struct DigestParameterReader
{
    private readonly ReadOnlyMemory<byte> _input;
    private int _pos;
    private bool _started;
    private bool _done;

    private DigestParameterReader(ReadOnlyMemory<byte> input, int pos)
    {
        _input = input;
        _pos = pos;
    }

    /// <summary>True when the input broke the syntax; false after a clean end.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>Positions a reader after the case-insensitive <c>Digest</c> scheme; false for any other scheme.</summary>
    public static bool TryStart(ReadOnlyMemory<byte> input, out DigestParameterReader reader)
    {
        var span = input.Span;
        var pos = SkipWhitespace(span, 0);
        reader = default;
        if (span.Length - pos < 7 || !System.Text.Ascii.EqualsIgnoreCase(span.Slice(pos, 6), "Digest"u8) || !IsWhitespace(span[pos + 6]))
        {
            return false;
        }

        reader = new DigestParameterReader(input, pos + 6);
        return true;
    }

    /// <summary>The next parameter; false at the end or on a syntax error (see <see cref="IsMalformed"/>).</summary>
    public bool TryRead(out ReadOnlyMemory<byte> name, out ReadOnlyMemory<byte> value)
    {
        name = default;
        value = default;
        if (_done)
        {
            return false;
        }

        var span = _input.Span;
        if (_started)
        {
            _pos = SkipWhitespace(span, _pos);
            if (_pos == span.Length)
            {
                _done = true;
                return false;
            }

            if (span[_pos] != (byte)',')
            {
                return Fail();
            }

            _pos++;
        }

        _started = true;
        _pos = SkipWhitespace(span, _pos);
        var nameStart = _pos;
        while (_pos < span.Length && IsTokenChar(span[_pos]))
        {
            _pos++;
        }

        if (_pos == nameStart)
        {
            return Fail();
        }

        name = _input[nameStart.._pos];
        _pos = SkipWhitespace(span, _pos);
        if (_pos >= span.Length || span[_pos] != (byte)'=')
        {
            return Fail();
        }

        _pos = SkipWhitespace(span, _pos + 1);
        return TryReadValue(out value) || Fail();
    }

    private bool Fail()
    {
        IsMalformed = true;
        _done = true;
        return false;
    }

    /// <summary>token or quoted-string (RFC 3261 §25.1); quoted-pairs force an unescaped copy.</summary>
    private bool TryReadValue(out ReadOnlyMemory<byte> result)
    {
        var span = _input.Span;
        result = default;
        if (_pos >= span.Length)
        {
            return false;
        }

        if (span[_pos] != (byte)'"')
        {
            var start = _pos;
            while (_pos < span.Length && IsTokenChar(span[_pos]))
            {
                _pos++;
            }

            result = _input[start.._pos];
            return _pos > start;
        }

        var contentStart = ++_pos;
        var escaped = false;
        while (_pos < span.Length)
        {
            var b = span[_pos];
            if (b == (byte)'"')
            {
                result = escaped ? Unescape(span[contentStart.._pos]) : _input[contentStart.._pos];
                _pos++;
                return true;
            }

            if (b == (byte)'\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F): CR and LF may not be escaped.
                if (_pos + 1 >= span.Length || span[_pos + 1] is (byte)'\r' or (byte)'\n' or > 0x7F)
                {
                    return false;
                }

                escaped = true;
                _pos += 2;
                continue;
            }

            if (b is (byte)'\r' or (byte)'\n' or < 0x20 and not (byte)'\t')
            {
                // Folding is undone by the message layer; a bare control character here is malformed.
                return false;
            }

            _pos++;
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
}
