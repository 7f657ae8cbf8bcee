using System.Buffers;
using System.Globalization;
using System.Text;

namespace Switchboard.Sip;

/// <summary>
/// One Contact value (RFC 3261 §20.10): the wildcard "*" used to remove all bindings (§10.2.2), or a name-addr with
/// parameters such as expires and +sip.instance (RFC 5626 §4.1).
/// </summary>
public sealed class ContactHeader
{
    private ContactHeader(NameAddress? address) => Address = address;

    /// <summary>A Contact for <paramref name="address"/>.</summary>
    public static ContactHeader For(NameAddress address) => new(address ?? throw new ArgumentNullException(nameof(address)));

    /// <summary>"Contact: *".</summary>
    public static ContactHeader Wildcard { get; } = new(null);

    public bool IsWildcard => Address is null;

    /// <summary>The contact address; null only for the wildcard.</summary>
    public NameAddress? Address { get; }

    public SipUri? Uri => Address?.Uri;

    /// <summary>The expires parameter in seconds (§10.2.1.1); null when absent or not a number.</summary>
    public long? Expires =>
        long.TryParse(Address?.Parameters["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out long e) ? e : null;

    /// <summary>The +sip.instance value without quotes, e.g. "&lt;urn:uuid:...&gt;" (RFC 5626 §4.1).</summary>
    public string? Instance => Address?.Parameters["+sip.instance"] is { } v ? SipSyntax.Unquote(Encoding.UTF8.GetBytes(v)) : null;

    public static bool TryParse(ReadOnlySpan<byte> text, out ContactHeader contact)
    {
        var trimmed = SipSyntax.Trim(text);
        if (trimmed.Length == 1 && trimmed[0] == '*')
        {
            contact = Wildcard;
            return true;
        }

        if (NameAddress.TryParse(trimmed, out var address))
        {
            contact = new ContactHeader(address);
            return true;
        }

        contact = null!;
        return false;
    }

    public static bool IsValid(ReadOnlySpan<byte> text)
    {
        var trimmed = SipSyntax.Trim(text);
        return (trimmed.Length == 1 && trimmed[0] == '*') || NameAddress.IsValid(trimmed);
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        if (Address is null)
        {
            WireWriter.Write(writer, (byte)'*');
        }
        else
        {
            Address.WriteTo(writer);
        }
    }

    public override string ToString() => Address?.ToString() ?? "*";
}
