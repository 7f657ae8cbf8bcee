namespace Switchboard.Sip;

/// <summary>Maps a rejection reason to the response an element sends back, and to the phrase that names the defect.</summary>
internal static class SipParseStatusCodes
{
    /// <summary>Status code for the reason, ignoring whether the request is intact enough to answer.</summary>
    public static int For(SipParseErrorReason reason) => reason switch
    {
        // RFC 3261 §21.5.11: the server is unwilling to process a request larger than it can handle.
        SipParseErrorReason.MessageTooLarge => 513,

        // RFC 3261 §8.2.2.1: an unknown Request-URI scheme is answered 416.
        SipParseErrorReason.UnsupportedUriScheme => 416,

        // RFC 3261 §21.5.13 and RFC 4475 §3.1.2.17 (badvers).
        SipParseErrorReason.UnsupportedVersion => 505,
        _ => 400,
    };

    public static string Phrase(SipParseErrorReason reason) => reason switch
    {
        SipParseErrorReason.EmptyMessage => "Empty message",
        SipParseErrorReason.MessageTooLarge => "Message Too Large",
        SipParseErrorReason.TooManyHeaders => "Too many headers",
        SipParseErrorReason.HeaderLineTooLong => "Header line too long",
        SipParseErrorReason.MissingHeaderTerminator => "Missing empty line after headers",
        SipParseErrorReason.InvalidStartLine => "Invalid start line",
        SipParseErrorReason.InvalidMethod => "Invalid method",
        SipParseErrorReason.InvalidRequestUri => "Invalid Request-URI",
        SipParseErrorReason.UnsupportedUriScheme => "Unsupported URI Scheme",
        SipParseErrorReason.UnsupportedVersion => "Version Not Supported",
        SipParseErrorReason.InvalidStatusCode => "Invalid status code",
        SipParseErrorReason.InvalidHeaderLine => "Invalid header line",
        SipParseErrorReason.InvalidHeaderName => "Invalid header name",
        SipParseErrorReason.MissingVia => "Missing Via",
        SipParseErrorReason.MissingFrom => "Missing From",
        SipParseErrorReason.MissingTo => "Missing To",
        SipParseErrorReason.MissingCallId => "Missing Call-ID",
        SipParseErrorReason.MissingCSeq => "Missing CSeq",
        SipParseErrorReason.MissingContentLength => "Missing Content-Length",
        SipParseErrorReason.DuplicateHeader => "Duplicate single-value header",
        SipParseErrorReason.InvalidVia => "Invalid Via",
        SipParseErrorReason.InvalidFrom => "Invalid From",
        SipParseErrorReason.InvalidTo => "Invalid To",
        SipParseErrorReason.InvalidCallId => "Invalid Call-ID",
        SipParseErrorReason.InvalidCSeq => "Invalid CSeq",
        SipParseErrorReason.CSeqMethodMismatch => "CSeq method does not match",
        SipParseErrorReason.InvalidContentLength => "Invalid Content-Length",
        SipParseErrorReason.BodyTruncated => "Body shorter than Content-Length",
        SipParseErrorReason.InvalidMaxForwards => "Invalid Max-Forwards",
        SipParseErrorReason.InvalidHeaderValue => "Invalid header value",
        _ => "Bad Request",
    };
}
