using System.Text;
using Switchboard.Sip;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// The UAS checks of RFC 3261 §8.2.2.3 and §8.2.3 that come before a request is processed: an extension the request
/// requires that we do not implement (420 with Unsupported), a session body we cannot read (415 with Accept), and an
/// INVITE whose Accept rules out the SDP our answer will carry (406, RFC 4475 §3.3.15 sdp01). Header values are
/// walked without allocating; only a refusal builds strings.
/// </summary>
public static class RequestAcceptance
{
    /// <summary>The only session description the edge reads and writes (RFC 3264).</summary>
    public const string SessionBody = "application/sdp";

    /// <summary>
    /// What to refuse the request with, or null to process it. ACK and CANCEL are never refused: §8.2.2.3 says Require
    /// is ignored on them, and neither can be answered with a final response of its own kind.
    /// </summary>
    public static RequestRefusal? Check(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method.Kind is SipMethodKind.Ack or SipMethodKind.Cancel)
        {
            return null;
        }

        if (UnsupportedExtensions(request) is { } unsupported)
        {
            return new RequestRefusal(420, KnownHeader.Unsupported, unsupported);
        }

        // §8.2.3: only offers and answers are read here; other bodies (INFO payloads, MESSAGE text) pass through as is.
        var carriesSession = request.Method.Kind is SipMethodKind.Invite or SipMethodKind.Update;
        if (carriesSession && !request.Body.IsEmpty && !IsSessionBody(request))
        {
            return new RequestRefusal(415, KnownHeader.Accept, SessionBody);
        }

        if (request.Method.Kind == SipMethodKind.Invite && !AcceptsSessionBody(request))
        {
            return new RequestRefusal(406, KnownHeader.Accept, SessionBody);
        }

        return null;
    }

    /// <summary>The Require option tags we do not implement, comma-separated (§20.40); null when there are none.</summary>
    private static string? UnsupportedExtensions(SipRequest request)
    {
        StringBuilder? unsupported = null;
        foreach (var tag in request.EnumerateValues(KnownHeader.Require))
        {
            // The one option tag the edge implements (RFC 3261 §19.2): Path, for registrations behind a proxy (RFC 3327).
            var token = tag.Trim(" \t"u8);
            if (token.IsEmpty || Ascii.EqualsIgnoreCase(token, "path"u8))
            {
                continue;
            }

            unsupported ??= new StringBuilder();
            if (unsupported.Length > 0)
            {
                unsupported.Append(", ");
            }

            unsupported.Append(Encoding.ASCII.GetString(token));
        }

        return unsupported?.ToString();
    }

    /// <summary>Content-Type's media type, parameters aside, is application/sdp (§20.15, RFC 2045 case rules).</summary>
    private static bool IsSessionBody(SipRequest request)
    {
        if (!request.TryGetHeader(KnownHeader.ContentType, out var value))
        {
            // §7.4.1: a body without Content-Type cannot be read as anything.
            return false;
        }

        var semicolon = value.IndexOf((byte)';');
        var type = (semicolon < 0 ? value : value[..semicolon]).Trim(" \t"u8);
        return Ascii.EqualsIgnoreCase(type, "application/sdp"u8);
    }

    /// <summary>
    /// No Accept, or one media range of it covers application/sdp (§20.1: application/sdp is assumed when absent).
    /// An Accept line without any media range is taken as no preference: phones send it, and refusing them helps nobody.
    /// </summary>
    private static bool AcceptsSessionBody(SipRequest request)
    {
        var ranges = 0;
        foreach (var element in request.EnumerateValues(KnownHeader.Accept))
        {
            var semicolon = element.IndexOf((byte)';');
            var range = (semicolon < 0 ? element : element[..semicolon]).Trim(" \t"u8);
            if (range.IsEmpty)
            {
                continue;
            }

            ranges++;
            if (Ascii.EqualsIgnoreCase(range, "application/sdp"u8) || Ascii.EqualsIgnoreCase(range, "application/*"u8)
                || range.SequenceEqual("*/*"u8))
            {
                return true;
            }
        }

        return ranges == 0;
    }
}
