using System.Buffers;

namespace Switchboard.Sip;

public sealed partial class SipParser
{
    /// <summary>What the header scan found, for the required-header checks and the 400 decision.</summary>
    private struct HeaderCensus
    {
        public int Via;
        public int From;
        public int To;
        public int CallId;
        public int CSeq;
        public int ContentLength;
        public int MaxForwards;
        public KnownHeader Duplicate;
    }

    private SipParseResult ParseMessage(ReadOnlyMemory<byte> memory, int skipped, int headerBlockLength, bool datagram, byte[]? owned)
    {
        var msg = memory.Span;
        var layout = new MessageLayout { ContentLength = -1, MaxForwards = -1 };

        int startLineEnd = msg.IndexOf("\r\n"u8);
        if (startLineEnd > _limits.MaxHeaderLineLength)
        {
            return SipParseResult.Invalid(new SipParseError(SipParseErrorReason.HeaderLineTooLong), 0);
        }

        var startError = ParseStartLine(msg[..startLineEnd], ref layout, out bool isRequest);
        // A bad status line, or a request line without a usable method, leaves nothing to answer; framing of a
        // stream is unknown too. A request line with a good method but a bad rest can still get a 400.
        if (startError != SipParseErrorReason.None && (!isRequest || layout.Method.IsEmpty))
        {
            // Nothing trustworthy to answer; framing of a stream is unknown too.
            return SipParseResult.Invalid(new SipParseError(startError), 0);
        }

        var headers = ArrayPool<HeaderEntry>.Shared.Rent(InitialHeaderCapacity);
        var census = default(HeaderCensus);
        var error = IndexHeaders(msg[..headerBlockLength], startLineEnd + 2, ref headers, out int count, ref census, out string? errorHeader);
        layout.Headers = headers;
        layout.HeaderCount = count;
        if (error is SipParseErrorReason.TooManyHeaders or SipParseErrorReason.HeaderLineTooLong)
        {
            ArrayPool<HeaderEntry>.Shared.Return(headers);
            return SipParseResult.Invalid(new SipParseError(error, errorHeader), 0);
        }

        var entries = headers.AsSpan(0, count);
        // Run even after a bad line: CSeq and Content-Length are needed to frame the body and to answer.
        var checkError = CheckHeaders(msg, entries, ref census, isRequest, ref layout, out string? checkHeader);
        if (error == SipParseErrorReason.None)
        {
            error = checkError;
            errorHeader = checkHeader;
        }

        // Body framing, §18.3: a stream needs Content-Length; a datagram without one ends the body at the packet end.
        int bodyAvailable = msg.Length - headerBlockLength;
        int consumed = 0;
        if (layout.ContentLength >= 0)
        {
            if (layout.ContentLength > _limits.MaxMessageSize - headerBlockLength)
            {
                ArrayPool<HeaderEntry>.Shared.Return(headers);
                return SipParseResult.Invalid(new SipParseError(SipParseErrorReason.MessageTooLarge), 0);
            }

            if (bodyAvailable < layout.ContentLength)
            {
                if (!datagram)
                {
                    ArrayPool<HeaderEntry>.Shared.Return(headers);
                    return SipParseResult.NeedMoreData();
                }

                error = error == SipParseErrorReason.None ? SipParseErrorReason.BodyTruncated : error;
                layout.BodyLength = bodyAvailable;
            }
            else
            {
                layout.BodyLength = layout.ContentLength;
            }

            consumed = skipped + headerBlockLength + layout.BodyLength;
        }
        else if (datagram)
        {
            layout.BodyLength = bodyAvailable;
            consumed = skipped + msg.Length;
        }
        else if (error == SipParseErrorReason.None && census.ContentLength == 0)
        {
            error = SipParseErrorReason.MissingContentLength;
        }

        layout.BodyStart = headerBlockLength;
        layout.Buffer = memory[..(headerBlockLength + layout.BodyLength)];
        layout.Owned = owned;
        error = error == SipParseErrorReason.None ? startError : error;

        if (error == SipParseErrorReason.None)
        {
            SipMessage message = isRequest ? new SipRequest(layout) : new SipResponse(layout);
            return SipParseResult.Complete(message, consumed);
        }

        // RFC 3261 §8.2.6: a request that names its method and carries Via, From, To, Call-ID and CSeq can be answered;
        // the response copies those lines byte for byte, so they need not be well formed. ACK is never answered (§17.1.1.3).
        bool canRespond = isRequest && census.Via > 0 && census.From > 0 && census.To > 0 && census.CallId > 0
            && census.CSeq > 0 && layout.Method.Kind != SipMethodKind.Ack;
        if (!canRespond)
        {
            ArrayPool<HeaderEntry>.Shared.Return(headers);
            return SipParseResult.Invalid(new SipParseError(error, errorHeader), consumed);
        }

        var rejected = new SipRequest(layout);
        return SipParseResult.Invalid(new SipParseError(error, errorHeader, SipParseStatusCodes.For(error)), consumed, rejected);
    }
}
