using System.Buffers;

namespace Switchboard.Sip.Transports;

/// <summary>
/// The answer to a stream message whose framing is lost: no, negative, non-numeric or conflicting Content-Length
/// (RFC 3261 §18.3, §20.14; RFC 4475 §3.1.2.3 ncl, §3.3.11 mcl01). Its header block is parsed on its own and, when
/// it is a request intact enough to answer (§8.2.6), gets a 400 naming the defect; the connection closes after it.
/// The message itself is never handed to the receiver, so nothing unframed is ever processed.
/// </summary>
internal static class SipStreamRejection
{
    /// <summary>The serialized 400, or null when the header block is a response, an ACK or too broken to answer.</summary>
    public static byte[]? Answer(in ReadOnlySequence<byte> headerBlock)
    {
        var bytes = headerBlock.ToArray();

        // A datagram parse reads what is there without waiting for a body the stream will never delimit.
        var result = new SipParser().ParseDatagram(bytes.AsMemory());
        using var message = result.Message;
        if (message is not SipRequest request)
        {
            return null;
        }

        // Complete as a datagram means only Content-Length was missing, which a stream needs (§18.3).
        var error = result.IsComplete
            ? new SipParseError(SipParseErrorReason.MissingContentLength, "Content-Length", SipParseStatusCodes.For(SipParseErrorReason.MissingContentLength))
            : result.Error;
        if (!error.CanRespond || request.Method.Kind == SipMethodKind.Ack)
        {
            return null;
        }

        return SipResponseBuilder.ForRejection(request, error).WithToTag(SipIdGenerator.NewTag()).ToArray();
    }
}
