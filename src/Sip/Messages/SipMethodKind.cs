namespace Switchboard.Sip;

/// <summary>Methods the stack knows by name; anything else is <see cref="Extension"/> (RFC 3261 §7.1 extension-method).</summary>
public enum SipMethodKind : byte
{
    Extension = 0,
    Invite,
    Ack,
    Bye,
    Cancel,
    Options,
    Register,
    Prack, // RFC 3262
    Subscribe, // RFC 6665
    Notify, // RFC 6665
    Publish, // RFC 3903
    Info, // RFC 6086
    Refer, // RFC 3515
    Message, // RFC 3428
    Update, // RFC 3311
}
