using System.Globalization;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Extensions;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Registrar;

/// <summary>Turns a parsed REGISTER into the registrar grain's <see cref="RegisterRequest"/> (RFC 3261 §10.2, RFC 5626 §4.2).</summary>
public static class RegisterRequestReader
{
    public static RegisterRequest Read(SipRequest request, SipEndPoint source, string edgeId)
    {
        var contacts = new List<ContactRequest>();
        var wildcard = false;
        foreach (var contact in request.Contacts)
        {
            if (contact.IsWildcard)
            {
                wildcard = true;
                continue;
            }

            var address = contact.Address!;
            contacts.Add(new ContactRequest(
                address.Uri.ToString(),
                contact.Expires is { } expires ? (int)Math.Min(expires, int.MaxValue) : null,
                decimal.TryParse(address.Parameters["q"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) ? q : null,
                contact.Instance,
                int.TryParse(address.Parameters["reg-id"], NumberStyles.None, CultureInfo.InvariantCulture, out var regId) ? regId : null));
        }

        return new RegisterRequest(
            request.CallId,
            request.CSeq.Number,
            contacts,
            wildcard,
            request.Expires is { } headerExpires ? (int)Math.Min(headerExpires, int.MaxValue) : null,
            request.GetHeaderValues("Path"),
            TransportMapping.ToAddress(source),
            edgeId,
            request.UserAgent);
    }
}
