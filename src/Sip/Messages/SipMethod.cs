using System.Text;

namespace Switchboard.Sip;

/// <summary>
/// A request method. Known methods compare by a byte and parse from bytes without allocating; extension methods
/// carry their token. Method names are case-sensitive (RFC 3261 §7.1), so "invite" is an extension method.
/// </summary>
public readonly struct SipMethod : IEquatable<SipMethod>
{
    private static readonly string[] KnownNames =
        [string.Empty, "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE"];

    private readonly string? _extension;

    private SipMethod(SipMethodKind kind, string? extension)
    {
        Kind = kind;
        _extension = extension;
    }

    public static SipMethod Invite => new(SipMethodKind.Invite, null);
    public static SipMethod Ack => new(SipMethodKind.Ack, null);
    public static SipMethod Bye => new(SipMethodKind.Bye, null);
    public static SipMethod Cancel => new(SipMethodKind.Cancel, null);
    public static SipMethod Options => new(SipMethodKind.Options, null);
    public static SipMethod Register => new(SipMethodKind.Register, null);
    public static SipMethod Prack => new(SipMethodKind.Prack, null);
    public static SipMethod Subscribe => new(SipMethodKind.Subscribe, null);
    public static SipMethod Notify => new(SipMethodKind.Notify, null);
    public static SipMethod Publish => new(SipMethodKind.Publish, null);
    public static SipMethod Info => new(SipMethodKind.Info, null);
    public static SipMethod Refer => new(SipMethodKind.Refer, null);
    public static SipMethod Message => new(SipMethodKind.Message, null);
    public static SipMethod Update => new(SipMethodKind.Update, null);

    public SipMethodKind Kind { get; }

    /// <summary>The method token as sent on the wire.</summary>
    public string Name => Kind == SipMethodKind.Extension ? _extension ?? string.Empty : KnownNames[(int)Kind];

    /// <summary>True for the default value, which names no method.</summary>
    public bool IsEmpty => Kind == SipMethodKind.Extension && _extension is null;

    /// <summary>INVITE, SUBSCRIBE, REFER and NOTIFY can create dialogs (RFC 3261 §12, RFC 6665 §4.1.2).</summary>
    public bool CanCreateDialog => Kind is SipMethodKind.Invite or SipMethodKind.Subscribe or SipMethodKind.Refer or SipMethodKind.Notify;

    /// <summary>Parses a method token; known names do not allocate.</summary>
    public static bool TryParse(ReadOnlySpan<byte> token, out SipMethod method)
    {
        var kind = Identify(token);
        if (kind != SipMethodKind.Extension)
        {
            method = new SipMethod(kind, null);
            return true;
        }

        if (!SipSyntax.IsToken(token))
        {
            method = default;
            return false;
        }

        method = new SipMethod(SipMethodKind.Extension, Encoding.ASCII.GetString(token));
        return true;
    }

    /// <summary>Creates a method from its token; throws on a non-token (a programming error).</summary>
    public static SipMethod Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> buffer = stackalloc byte[Math.Min(name.Length, 256)];
        if (name.Length > 256 || !Ascii.IsValid(name) || !TryParse(buffer[..Encoding.ASCII.GetBytes(name, buffer)], out var method))
        {
            throw new ArgumentException($"'{name}' is not a SIP method token.", nameof(name));
        }

        return method;
    }

    internal static SipMethodKind Identify(ReadOnlySpan<byte> token) => token.Length switch
    {
        3 when token.SequenceEqual("ACK"u8) => SipMethodKind.Ack,
        3 when token.SequenceEqual("BYE"u8) => SipMethodKind.Bye,
        4 when token.SequenceEqual("INFO"u8) => SipMethodKind.Info,
        5 when token.SequenceEqual("PRACK"u8) => SipMethodKind.Prack,
        5 when token.SequenceEqual("REFER"u8) => SipMethodKind.Refer,
        6 when token.SequenceEqual("INVITE"u8) => SipMethodKind.Invite,
        6 when token.SequenceEqual("CANCEL"u8) => SipMethodKind.Cancel,
        6 when token.SequenceEqual("NOTIFY"u8) => SipMethodKind.Notify,
        6 when token.SequenceEqual("UPDATE"u8) => SipMethodKind.Update,
        7 when token.SequenceEqual("OPTIONS"u8) => SipMethodKind.Options,
        7 when token.SequenceEqual("PUBLISH"u8) => SipMethodKind.Publish,
        7 when token.SequenceEqual("MESSAGE"u8) => SipMethodKind.Message,
        8 when token.SequenceEqual("REGISTER"u8) => SipMethodKind.Register,
        9 when token.SequenceEqual("SUBSCRIBE"u8) => SipMethodKind.Subscribe,
        _ => SipMethodKind.Extension,
    };

    public bool Equals(SipMethod other) => Kind == other.Kind && (Kind != SipMethodKind.Extension || string.Equals(_extension, other._extension, StringComparison.Ordinal));

    public override bool Equals(object? obj) => obj is SipMethod other && Equals(other);

    public override int GetHashCode() => Kind == SipMethodKind.Extension ? StringComparer.Ordinal.GetHashCode(_extension ?? string.Empty) : (int)Kind;

    public override string ToString() => Name;

    public static bool operator ==(SipMethod left, SipMethod right) => left.Equals(right);

    public static bool operator !=(SipMethod left, SipMethod right) => !left.Equals(right);
}
