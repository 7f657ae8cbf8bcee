using System.Buffers;
using System.Text;

namespace Switchboard.Sip.Transports;

/// <summary>
/// Splits a TCP/TLS byte stream into SIP messages. RFC 3261 §18.3: on stream transports the message ends
/// Content-Length bytes after the blank line ending the headers, and Content-Length is mandatory (§20.14).
/// Stateless: call it on the unconsumed buffer after every read.
/// </summary>
public static class SipStreamFramer
{
    private static ReadOnlySpan<byte> HeaderTerminator => "\r\n\r\n"u8;

    /// <summary>
    /// Tries to slice the next message off the front of <paramref name="buffer"/>. On <see cref="SipFrameStatus.Message"/>
    /// and <see cref="SipFrameStatus.KeepAlivePing"/> the buffer is advanced past what was consumed. On
    /// <see cref="SipFrameStatus.Malformed"/> <paramref name="message"/> is the header block whose Content-Length could
    /// not delimit a body (never to be processed, only answered), or empty.
    /// </summary>
    public static SipFrameStatus TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out ReadOnlySequence<byte> message)
    {
        message = default;

        // RFC 3261 §7.5: ignore CRLFs before the start line; RFC 5626 §4.4.1: CRLFCRLF alone is a ping.
        var reader = new SequenceReader<byte>(buffer);
        if (reader.IsNext(HeaderTerminator, advancePast: true))
        {
            buffer = buffer.Slice(reader.Position);
            return SipFrameStatus.KeepAlivePing;
        }

        while (reader.IsNext("\r\n"u8) && reader.Remaining >= 3)
        {
            reader.TryPeek(2, out var third);
            if (third == (byte)'\r')
            {
                break;
            }

            reader.Advance(2);
        }

        var start = reader.Position;
        if (reader.Remaining > 0 && (reader.IsNext((byte)'\r') || reader.IsNext((byte)'\n')))
        {
            // A lone CR/LF or the first half of a ping: wait for the rest.
            buffer = buffer.Slice(start);
            return SipFrameStatus.NeedMoreData;
        }

        if (!reader.TryReadTo(out ReadOnlySequence<byte> headers, HeaderTerminator, advancePastDelimiter: true))
        {
            // Limits before work: a header block that cannot fit is refused without waiting for its end.
            return buffer.Slice(start).Length >= maxMessageSize ? SipFrameStatus.TooLarge : SipFrameStatus.NeedMoreData;
        }

        var headerLength = headers.Length + HeaderTerminator.Length;
        if (headerLength > maxMessageSize)
        {
            return SipFrameStatus.TooLarge;
        }

        var contentLength = FindContentLength(headers);
        if (contentLength < 0)
        {
            // The header block is whole, so a request can still be answered 400 before the connection closes.
            message = buffer.Slice(start, headerLength);
            return SipFrameStatus.Malformed;
        }

        var total = headerLength + contentLength;
        if (total > maxMessageSize)
        {
            return SipFrameStatus.TooLarge;
        }

        var rest = buffer.Slice(start);
        if (rest.Length < total)
        {
            return SipFrameStatus.NeedMoreData;
        }

        message = rest.Slice(0, total);
        buffer = rest.Slice(total);
        return SipFrameStatus.Message;
    }

    /// <summary>The Content-Length value, or -1 when missing, repeated with another value, or not a number.</summary>
    internal static long FindContentLength(ReadOnlySequence<byte> headers)
    {
        if (headers.IsSingleSegment)
        {
            return FindContentLength(headers.FirstSpan);
        }

        var length = (int)headers.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            headers.CopyTo(rented);
            return FindContentLength(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static long FindContentLength(ReadOnlySpan<byte> headers)
    {
        long found = -1;
        while (!headers.IsEmpty)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? default : headers[(end + 2)..];
            var colon = line.IndexOf((byte)':');

            // Continuation lines (leading SP/HTAB, RFC 3261 §7.3.1) and the start line have no header name here.
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
            {
                continue;
            }

            // RFC 3261 §7.3.3: "l" is the compact form of Content-Length; names are case-insensitive.
            var name = line[..colon].TrimEnd(" \t"u8);
            if (!Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && !Ascii.EqualsIgnoreCase(name, "l"u8))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.IsEmpty || value.Length > 9 || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            {
                return -1;
            }

            long parsed = 0;
            foreach (var digit in value)
            {
                parsed = (parsed * 10) + (digit - '0');
            }

            if (found >= 0 && found != parsed)
            {
                return -1;
            }

            found = parsed;
        }

        return found;
    }
}
