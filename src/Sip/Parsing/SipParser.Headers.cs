using System.Buffers;

namespace Switchboard.Sip;

public sealed partial class SipParser
{
    /// <summary>
    /// message-header = field-name HCOLON field-value CRLF, with continuation lines starting with SP or HTAB
    /// (§7.3.1). <paramref name="block"/> ends with the empty line. A malformed line is remembered and skipped so the
    /// 400 decision can still see the headers after it.
    /// </summary>
    private SipParseErrorReason IndexHeaders(ReadOnlySpan<byte> block, int pos, ref HeaderEntry[] headers, out int count,
        ref HeaderCensus census, out string? errorHeader)
    {
        count = 0;
        errorHeader = null;
        var firstError = SipParseErrorReason.None;
        int end = block.Length - 2; // the empty line's CRLF
        while (pos < end)
        {
            int lineStart = pos;
            int eol = pos + block[pos..].IndexOf("\r\n"u8);

            // Continuations: the block ends in CRLF CRLF, so block[eol + 2] always exists.
            while (block[eol + 2] is SipSyntax.SP or SipSyntax.HT)
            {
                eol = eol + 2 + block[(eol + 2)..].IndexOf("\r\n"u8);
            }

            pos = eol + 2;
            if (eol - lineStart > _limits.MaxHeaderLineLength)
            {
                return SipParseErrorReason.HeaderLineTooLong;
            }

            if (count == _limits.MaxHeaderCount)
            {
                return SipParseErrorReason.TooManyHeaders;
            }

            var line = block[lineStart..eol];
            int colon = line.IndexOf((byte)':');

            // HCOLON = *( SP / HTAB ) ":" SWS; trimming is needed only when the name is followed by blanks.
            var name = colon <= 0 ? default : line[colon - 1] is SipSyntax.SP or SipSyntax.HT ? line[..colon].TrimEnd(" \t"u8) : line[..colon];
            if (colon <= 0 || !SipSyntax.IsToken(name))
            {
                // A continuation right after the start line, or a line without a colon (§7.3.1).
                if (firstError == SipParseErrorReason.None)
                {
                    firstError = colon <= 0 ? SipParseErrorReason.InvalidHeaderLine : SipParseErrorReason.InvalidHeaderName;
                }

                continue;
            }

            int valueStart = colon + 1;
            int skip = line[valueStart..].IndexOfAnyExcept(SipSyntax.Whitespace);
            valueStart = skip < 0 ? line.Length : valueStart + skip;
            int valueEnd = SipSyntax.IsWhitespace(line[^1]) ? line.LastIndexOfAnyExcept(SipSyntax.Whitespace) + 1 : line.Length;
            var id = KnownHeaders.Identify(name);

            if (count == headers.Length)
            {
                var bigger = ArrayPool<HeaderEntry>.Shared.Rent(Math.Min(headers.Length * 2, _limits.MaxHeaderCount));
                headers.AsSpan(0, count).CopyTo(bigger);
                ArrayPool<HeaderEntry>.Shared.Return(headers);
                headers = bigger;
            }

            headers[count++] = new HeaderEntry
            {
                NameStart = lineStart,
                NameLength = name.Length,
                ValueStart = lineStart + valueStart,
                ValueLength = Math.Max(0, valueEnd - valueStart),
                LineEnd = pos,
                Id = id,
            };

            if (Count(ref census, id) > 1 && KnownHeaders.IsSingleton(id) && census.Duplicate == KnownHeader.Unknown)
            {
                census.Duplicate = id;
            }
        }

        if (firstError == SipParseErrorReason.None && census.Duplicate != KnownHeader.Unknown)
        {
            firstError = SipParseErrorReason.DuplicateHeader;
            errorHeader = KnownHeaders.GetName(census.Duplicate);
        }

        return firstError;
    }

    private static int Count(ref HeaderCensus census, KnownHeader id) => id switch
    {
        KnownHeader.Via => ++census.Via,
        KnownHeader.From => ++census.From,
        KnownHeader.To => ++census.To,
        KnownHeader.CallId => ++census.CallId,
        KnownHeader.CSeq => ++census.CSeq,
        KnownHeader.ContentLength => ++census.ContentLength,
        KnownHeader.MaxForwards => ++census.MaxForwards,
        _ => 0,
    };

    /// <summary>
    /// The checks every element needs before routing (§8.1.1, §8.2.2): the mandatory headers exist and parse, CSeq
    /// names the request method, Content-Length and Max-Forwards are numbers. The first failure wins; but CSeq,
    /// Content-Length and Max-Forwards are still decoded so the body can be framed.
    /// </summary>
    private static SipParseErrorReason CheckHeaders(ReadOnlySpan<byte> msg, ReadOnlySpan<HeaderEntry> entries,
        ref HeaderCensus census, bool isRequest, ref MessageLayout layout, out string? errorHeader)
    {
        errorHeader = null;
        var error = SipParseErrorReason.None;
        foreach (ref readonly var e in entries)
        {
            var value = msg.Slice(e.ValueStart, e.ValueLength);
            var found = e.Id switch
            {
                KnownHeader.Via => CheckVia(value),
                KnownHeader.From => NameAddress.IsValid(value) ? SipParseErrorReason.None : SipParseErrorReason.InvalidFrom,
                KnownHeader.To => NameAddress.IsValid(value) ? SipParseErrorReason.None : SipParseErrorReason.InvalidTo,
                KnownHeader.CallId => CheckCallId(value),
                KnownHeader.CSeq => CSeqHeader.TryParse(value, out layout.CSeq) ? SipParseErrorReason.None : SipParseErrorReason.InvalidCSeq,
                KnownHeader.ContentLength => SipSyntax.TryParseDigits(value, int.MaxValue, out long cl)
                    ? SetInt(ref layout.ContentLength, cl) : SipParseErrorReason.InvalidContentLength,
                KnownHeader.MaxForwards => SipSyntax.TryParseDigits(value, 255, out long mf)
                    ? SetInt(ref layout.MaxForwards, mf) : SipParseErrorReason.InvalidMaxForwards,
                _ => SipParseErrorReason.None,
            };

            if (found != SipParseErrorReason.None && error == SipParseErrorReason.None)
            {
                error = found;
                errorHeader = KnownHeaders.GetName(e.Id);
            }
        }

        if (census.CSeq > 0 && layout.CSeq.Method.IsEmpty && error == SipParseErrorReason.None)
        {
            error = SipParseErrorReason.InvalidCSeq;
        }

        var missing = census.Via == 0 ? SipParseErrorReason.MissingVia
            : census.From == 0 ? SipParseErrorReason.MissingFrom
            : census.To == 0 ? SipParseErrorReason.MissingTo
            : census.CallId == 0 ? SipParseErrorReason.MissingCallId
            : census.CSeq == 0 ? SipParseErrorReason.MissingCSeq
            : SipParseErrorReason.None;
        if (error == SipParseErrorReason.None)
        {
            error = missing;
        }

        // §8.2.2 / RFC 4475 §3.1.2.18: the CSeq method must match the request method.
        if (error == SipParseErrorReason.None && isRequest && layout.CSeq.Method != layout.Method)
        {
            error = SipParseErrorReason.CSeqMethodMismatch;
            errorHeader = "CSeq";
        }

        return error;
    }

    private static SipParseErrorReason SetInt(ref int target, long value)
    {
        target = (int)value;
        return SipParseErrorReason.None;
    }

    private static SipParseErrorReason CheckVia(ReadOnlySpan<byte> value)
    {
        int pos = 0;
        bool any = false;
        while (HeaderValueSplitter.TryNext(value, ref pos, out var range))
        {
            any = true;
            if (!ViaHeader.IsValid(value[range]))
            {
                return SipParseErrorReason.InvalidVia;
            }
        }

        return any ? SipParseErrorReason.None : SipParseErrorReason.InvalidVia;
    }

    /// <summary>callid = word [ "@" word ] (§25.1); anything with whitespace or empty is rejected.</summary>
    private static SipParseErrorReason CheckCallId(ReadOnlySpan<byte> value) =>
        value.IsEmpty || value.IndexOfAny(SipSyntax.Whitespace) >= 0 ? SipParseErrorReason.InvalidCallId : SipParseErrorReason.None;
}
