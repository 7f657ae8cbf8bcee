using System.Globalization;
using System.Text;

namespace Switchboard.Sip.Transactions;

/// <summary>Builds the table keys RFC 3261 §17.1.3 and §17.2.3 match transactions by.</summary>
internal static class SipTransactionKeys
{
    /// <summary>
    /// The server transaction a request belongs to (§17.2.3). With an RFC 3261 branch (magic cookie "z9hG4bK"):
    /// branch, sent-by and method, where ACK counts as INVITE. Otherwise the RFC 2543 fallback: Request-URI,
    /// From tag, Call-ID, CSeq and the whole top Via; the To tag is compared separately by the caller because an
    /// ACK carries the tag of the response while the INVITE carried none.
    /// </summary>
    /// <param name="method">The method to match as: the request's own, or INVITE for an ACK or a CANCEL's target (§9.2).</param>
    public static string Server(SipRequest request, SipMethod method, out bool rfc3261)
    {
        var via = request.TopVia!;
        var matchAs = method.Kind == SipMethodKind.Ack ? SipMethod.Invite : method;
        rfc3261 = via.HasRfc3261Branch;
        if (rfc3261)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{via.Branch}|{via.Host.ToLowerInvariant()}:{via.PortOrDefault}|{matchAs.Name}");
        }

        var builder = new StringBuilder(256);
        builder.Append("2543|").Append(Encoding.UTF8.GetString(request.RequestUriSpan));
        builder.Append('|').Append(request.From.Tag);
        builder.Append('|').Append(request.CallId);
        builder.Append('|').Append(request.CSeq.Number.ToString(CultureInfo.InvariantCulture));
        builder.Append('|').Append(matchAs.Name);
        builder.Append('|').Append(Encoding.UTF8.GetString(request.TopViaSpan));
        return builder.ToString();
    }

    /// <summary>The client transaction a response belongs to (§17.1.3): top Via branch and CSeq method.</summary>
    public static string Client(string branch, SipMethod cseqMethod) => string.Concat(branch, "|", cseqMethod.Name);

    /// <summary>From tag, Call-ID and CSeq: what §8.2.2.2 compares to detect a merged request.</summary>
    public static string Merge(SipRequest request) =>
        string.Create(CultureInfo.InvariantCulture, $"{request.From.Tag}|{request.CallId}|{request.CSeq.Number}|{request.CSeq.Method.Name}");
}
