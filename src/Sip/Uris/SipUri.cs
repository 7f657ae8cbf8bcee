using System.Buffers;

namespace Switchboard.Sip;

/// <summary>
/// A SIP, SIPS or tel URI (RFC 3261 §19.1, RFC 3966), or an opaque absoluteURI. Parts keep their escaping as sent so
/// a parsed URI writes back unchanged; <see cref="UriEscaping.Unescape"/> gives the decoded user.
/// </summary>
public sealed partial class SipUri
{
    public SipUri(string host, string? user = null, int? port = null, SipUriScheme scheme = SipUriScheme.Sip)
    {
        Scheme = scheme;
        SchemeName = scheme switch { SipUriScheme.Sips => "sips", SipUriScheme.Tel => "tel", _ => "sip" };
        Host = host;
        User = user;
        Port = port;
    }

    private SipUri()
    {
        SchemeName = "sip";
        Host = string.Empty;
    }

    public SipUriScheme Scheme { get; set; }

    /// <summary>Scheme as sent, lower-cased for the known schemes.</summary>
    public string SchemeName { get; set; }

    /// <summary>User part (escapes kept); for tel URIs the telephone-subscriber number.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Host name, IPv4 address or bracketed IPv6 reference ("[2001:db8::10]"); empty for tel and opaque URIs.</summary>
    public string Host { get; set; }

    public int? Port { get; set; }

    private SipParameters? _headers;

    public SipParameters Parameters { get; } = new();

    /// <summary>URI headers after "?", e.g. "sip:a@b?subject=x&amp;priority=urgent" (§19.1.1).</summary>
    /// <remarks>Made on first use: almost no URI has any, and a parsed message keeps several URIs.</remarks>
    public SipParameters Headers => _headers ??= new();

    /// <summary>For <see cref="SipUriScheme.Other"/>: everything after "scheme:".</summary>
    public string? Opaque { get; set; }

    public string? Transport
    {
        get => Parameters["transport"];
        set => SetOrRemove("transport", value);
    }

    /// <summary>The loose-routing flag ";lr" (§16.12.1.1).</summary>
    public bool LooseRouting => Parameters.Contains("lr");

    public string? Maddr => Parameters["maddr"];

    public bool IsIPv6Reference => Host.StartsWith('[');

    /// <summary>Port if set, otherwise the scheme default (5060, or 5061 for sips, §19.1.2).</summary>
    public int PortOrDefault => Port ?? (Scheme == SipUriScheme.Sips ? 5061 : 5060);

    public static SipUri Parse(string text) => TryParse(text, out var uri) ? uri : throw new FormatException($"Not a valid URI: '{text}'.");

    public static bool TryParse(string text, out SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return TryParse(bytes, out uri);
    }

    public static bool TryParse(ReadOnlySpan<byte> text, out SipUri uri)
    {
        var result = new SipUri();
        if (!TryParseCore(text, result))
        {
            uri = null!;
            return false;
        }

        uri = result;
        return true;
    }

    /// <summary>Validates without allocating.</summary>
    public static bool IsValid(ReadOnlySpan<byte> text) => TryParseCore(text, null);

    public void WriteTo(IBufferWriter<byte> writer)
    {
        WireWriter.Write(writer, SchemeName);
        WireWriter.Write(writer, (byte)':');
        if (Scheme == SipUriScheme.Other)
        {
            WireWriter.Write(writer, Opaque ?? string.Empty);
            return;
        }

        if (User is not null)
        {
            WireWriter.Write(writer, User);
            if (Password is not null)
            {
                WireWriter.Write(writer, (byte)':');
                WireWriter.Write(writer, Password);
            }

            if (Scheme != SipUriScheme.Tel)
            {
                WireWriter.Write(writer, (byte)'@');
            }
        }

        WireWriter.Write(writer, Host);
        if (Port is int port)
        {
            WireWriter.Write(writer, (byte)':');
            WireWriter.Write(writer, port);
        }

        WireWriter.WriteParameters(writer, Parameters, (byte)';', (byte)';');
        if (_headers is not null)
        {
            WireWriter.WriteParameters(writer, _headers, (byte)'&', (byte)'?');
        }
    }

    public override string ToString() => WireWriter.Render(WriteTo);

    private void SetOrRemove(string name, string? value)
    {
        if (value is null)
        {
            Parameters.Remove(name);
        }
        else
        {
            Parameters.Set(name, value);
        }
    }
}
