using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

/// <summary>SIP bodies as the call grain stores them (SDP text), or null when there is none.</summary>
internal static class MessageBodies
{
    public static string? Text(SipMessage message) =>
        message.Body.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(message.Body.Span);
}
