using System.Buffers;

namespace Switchboard.Sip;

/// <summary>
/// Stateless SIP message parser (RFC 3261 §7). It frames one message, indexes each header line once into a pooled
/// array, and checks only what routing and a 400 need (start line, Via, From, To, Call-ID, CSeq, Content-Length,
/// Max-Forwards). Incomplete stream input is <see cref="SipParseStatus.NeedMoreData"/>; defects come back as typed
/// <see cref="SipParseError"/>s. Nothing throws on input. Thread-safe.
/// </summary>
public sealed partial class SipParser
{
    private const int InitialHeaderCapacity = 32;

    private readonly SipParserLimits _limits;

    public SipParser(SipParserLimits? limits = null)
    {
        _limits = limits ?? SipParserLimits.Default;
        _limits.Validate();
    }

    public SipParserLimits Limits => _limits;

    /// <summary>
    /// Parses one datagram (UDP). Without Content-Length the body runs to the end of the packet (§18.3); bytes past
    /// Content-Length are ignored. The message borrows <paramref name="datagram"/>: keep it unchanged until disposal.
    /// </summary>
    public SipParseResult ParseDatagram(ReadOnlyMemory<byte> datagram) => Parse(datagram, datagram: true);

    /// <summary>Parses one datagram, copying it into a pooled buffer the message owns.</summary>
    public SipParseResult ParseDatagram(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > _limits.MaxMessageSize + 16)
        {
            return SipParseResult.Invalid(new SipParseError(SipParseErrorReason.MessageTooLarge), 0);
        }

        var owned = ArrayPool<byte>.Shared.Rent(Math.Max(datagram.Length, 1));
        datagram.CopyTo(owned);
        var result = Parse(owned.AsMemory(0, datagram.Length), datagram: true, owned);
        if (result.Message is null)
        {
            ArrayPool<byte>.Shared.Return(owned);
        }

        return result;
    }

    /// <summary>
    /// Frames and parses the first message of a stream (TCP/TLS). Content-Length is mandatory (§18.3, §20.14).
    /// The message borrows <paramref name="buffer"/>; use the sequence overload when the input will be reused.
    /// </summary>
    public SipParseResult ParseStream(ReadOnlyMemory<byte> buffer) => Parse(buffer, datagram: false);

    /// <summary>
    /// Frames and parses the first message of a possibly multi-segment stream buffer. A complete message is copied
    /// into a pooled buffer it owns, so the caller may advance its pipe right away.
    /// </summary>
    public SipParseResult ParseStream(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            var result = Parse(buffer.First, datagram: false);
            result.Message?.TakeOwnership();
            return result;
        }

        // Only a multi-segment buffer is flattened, and never beyond what the limits let a message occupy.
        long cap = Math.Min(buffer.Length, (long)_limits.MaxMessageSize + 16);
        var owned = ArrayPool<byte>.Shared.Rent((int)cap);
        buffer.Slice(0, cap).CopyTo(owned);
        var parsed = Parse(owned.AsMemory(0, (int)cap), datagram: false, owned);
        if (parsed.Message is null)
        {
            ArrayPool<byte>.Shared.Return(owned);
        }

        return parsed;
    }

    private SipParseResult Parse(ReadOnlyMemory<byte> memory, bool datagram, byte[]? owned = null)
    {
        var span = memory.Span;

        // RFC 3261 §7.5: CRLFs before the start line are ignored; on their own they are RFC 5626 keep-alives.
        int start = span.IndexOfAnyExcept(SipSyntax.CR, SipSyntax.LF);
        if (start < 0)
        {
            return span.IsEmpty
                ? (datagram ? SipParseResult.Invalid(new SipParseError(SipParseErrorReason.EmptyMessage), 0) : SipParseResult.NeedMoreData())
                : SipParseResult.KeepAlive(span.Length);
        }

        int available = span.Length - start;
        if (datagram && available > _limits.MaxMessageSize)
        {
            return SipParseResult.Invalid(new SipParseError(SipParseErrorReason.MessageTooLarge), 0);
        }

        var window = span.Slice(start, Math.Min(available, _limits.MaxMessageSize));
        int blockEnd = window.IndexOf("\r\n\r\n"u8);
        if (blockEnd < 0)
        {
            if (available >= _limits.MaxMessageSize)
            {
                return SipParseResult.Invalid(new SipParseError(SipParseErrorReason.MessageTooLarge), 0);
            }

            // The line being received may already be over the limit; say so before waiting for more.
            int lastLine = window.LastIndexOf("\r\n"u8);
            if (window.Length - (lastLine < 0 ? 0 : lastLine + 2) > _limits.MaxHeaderLineLength)
            {
                return SipParseResult.Invalid(new SipParseError(SipParseErrorReason.HeaderLineTooLong), 0);
            }

            return datagram
                ? SipParseResult.Invalid(new SipParseError(SipParseErrorReason.MissingHeaderTerminator), 0)
                : SipParseResult.NeedMoreData();
        }

        return ParseMessage(memory.Slice(start), start, blockEnd + 4, datagram, owned);
    }
}
