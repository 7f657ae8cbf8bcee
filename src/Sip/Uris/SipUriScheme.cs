namespace Switchboard.Sip;

/// <summary>URI schemes the stack understands; any other absoluteURI (RFC 3261 §25.1) is <see cref="Other"/> and kept opaque.</summary>
public enum SipUriScheme : byte
{
    Sip,
    Sips,
    Tel, // RFC 3966
    Other,
}
