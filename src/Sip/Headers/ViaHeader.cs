using System.Buffers;
using System.Globalization;
using System.Text;

namespace Switchboard.Sip;

/// <summary>
/// One via-parm (RFC 3261 §20.42, §25.1): sent-protocol, sent-by and parameters, with typed access to branch,
/// received, rport (RFC 3581), maddr and ttl.
/// </summary>
public sealed class ViaHeader
{
    /// <summary>The RFC 3261 §8.1.1.7 magic cookie that marks a branch as globally unique.</summary>
    public const string MagicCookie = "z9hG4bK";

    public ViaHeader(string transport, string host, int? port, string branch)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters.Set("branch", branch);
    }

    private ViaHeader()
    {
        Transport = "UDP";
        Host = string.Empty;
    }

    /// <summary>protocol-name/protocol-version, "SIP/2.0" in practice.</summary>
    public string Protocol { get; set; } = "SIP/2.0";

    /// <summary>UDP, TCP, TLS, SCTP, WS, WSS or an extension token, upper-cased as sent.</summary>
    public string Transport { get; set; }

    /// <summary>sent-by host (bracketed when IPv6).</summary>
    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters { get; } = new();

    public string? Branch
    {
        get => Parameters["branch"];
        set => SetOrRemove("branch", value);
    }

    /// <summary>True when the branch starts with the magic cookie, so RFC 3261 §17.2.3 matching applies.</summary>
    public bool HasRfc3261Branch => Branch?.StartsWith(MagicCookie, StringComparison.Ordinal) == true;

    public string? Received
    {
        get => Parameters["received"];
        set => SetOrRemove("received", value);
    }

    /// <summary>True when an rport parameter is present, with or without a value (RFC 3581 §3).</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The rport value filled in by a server; null when absent or empty.</summary>
    public int? RPort => int.TryParse(Parameters["rport"], NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p <= 65535 ? p : null;

    public string? Maddr => Parameters["maddr"];

    public int? Ttl => int.TryParse(Parameters["ttl"], NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t <= 255 ? t : null;

    /// <summary>Port if set, otherwise 5061 for TLS and 5060 otherwise (§18.2.2).</summary>
    public int PortOrDefault => Port ?? (string.Equals(Transport, "TLS", StringComparison.OrdinalIgnoreCase) ? 5061 : 5060);

    /// <summary>Sets rport to the source port (RFC 3581 §4); <paramref name="port"/> null writes the bare flag.</summary>
    public void SetRPort(int? port) => Parameters.Set("rport", port?.ToString(CultureInfo.InvariantCulture));

    public static ViaHeader Parse(string text) =>
        TryParse(Encoding.UTF8.GetBytes(text), out var via) ? via : throw new FormatException($"Not a valid Via: '{text}'.");

    public static bool TryParse(ReadOnlySpan<byte> text, out ViaHeader via)
    {
        var result = new ViaHeader();
        if (!TryParseCore(text, result))
        {
            via = null!;
            return false;
        }

        via = result;
        return true;
    }

    /// <summary>Validates one via-parm without allocating.</summary>
    public static bool IsValid(ReadOnlySpan<byte> text) => TryParseCore(text, null);

    /// <summary>
    /// Finds a parameter of a raw via-parm without allocating, e.g. the branch for transaction matching
    /// (§17.2.3). A flag parameter yields an empty value. Quoted values are returned with their quotes.
    /// </summary>
    public static bool TryGetParameter(ReadOnlySpan<byte> via, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        int semi = SipSyntax.IndexOfUnquoted(via, (byte)';');
        while (semi >= 0)
        {
            var rest = via[(semi + 1)..];
            int next = SipSyntax.IndexOfUnquoted(rest, (byte)';');
            var parameter = next < 0 ? rest : rest[..next];
            int eq = parameter.IndexOf((byte)'=');
            var key = SipSyntax.Trim(eq < 0 ? parameter : parameter[..eq]);
            if (Ascii.EqualsIgnoreCase(key, name))
            {
                value = eq < 0 ? default : SipSyntax.Trim(parameter[(eq + 1)..]);
                return true;
            }

            via = rest;
            semi = next;
        }

        return false;
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        WireWriter.Write(writer, Protocol);
        WireWriter.Write(writer, (byte)'/');
        WireWriter.Write(writer, Transport);
        WireWriter.Write(writer, (byte)' ');
        WireWriter.Write(writer, Host);
        if (Port is int port)
        {
            WireWriter.Write(writer, (byte)':');
            WireWriter.Write(writer, port);
        }

        WireWriter.WriteParameters(writer, Parameters, (byte)';', (byte)';');
    }

    public override string ToString() => WireWriter.Render(WriteTo);

    private static bool TryParseCore(ReadOnlySpan<byte> s, ViaHeader? into)
    {
        // sent-protocol = protocol-name SLASH protocol-version SLASH transport; SLASH = SWS "/" SWS, so LWS may
        // surround each slash (RFC 4475 §3.1.1.1 folds a Via across three lines).
        int pos = 0;
        if (!ReadToken(s, ref pos, out var name) || !ReadSlash(s, ref pos) || !ReadToken(s, ref pos, out var version)
            || !ReadSlash(s, ref pos) || !ReadToken(s, ref pos, out var transport))
        {
            return false;
        }

        int hostStart = pos;
        pos = SkipLws(s, pos);
        if (pos == hostStart || pos >= s.Length)
        {
            return false;
        }

        int semi = s[pos..].IndexOf((byte)';');
        var sentBy = SipSyntax.Trim(semi < 0 ? s[pos..] : s.Slice(pos, semi));
        if (!SipUri.TryParseHostPort(sentBy, out int hostLength, out int? port))
        {
            return false;
        }

        var parameters = semi < 0 ? default : s[(pos + semi)..];
        if (into is null)
        {
            return SipParameters.TryParse(parameters, SipParameterSyntax.Header, null);
        }

        into.Protocol = string.Concat(Encoding.ASCII.GetString(name), "/", Encoding.ASCII.GetString(version));
        into.Transport = Encoding.ASCII.GetString(transport);
        into.Host = Encoding.ASCII.GetString(sentBy[..hostLength]);
        into.Port = port;
        return SipParameters.TryParse(parameters, SipParameterSyntax.Header, into.Parameters);
    }

    private static bool ReadToken(ReadOnlySpan<byte> s, ref int pos, out ReadOnlySpan<byte> token)
    {
        pos = SkipLws(s, pos);
        int n = pos < s.Length ? s[pos..].IndexOfAnyExcept(SipSyntax.TokenChars) : 0;
        n = n < 0 ? s.Length - pos : n;
        token = s.Slice(pos, n);
        pos += n;
        return n > 0;
    }

    private static bool ReadSlash(ReadOnlySpan<byte> s, ref int pos)
    {
        pos = SkipLws(s, pos);
        if (pos >= s.Length || s[pos] != '/')
        {
            return false;
        }

        pos++;
        return true;
    }

    private static int SkipLws(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length && SipSyntax.IsWhitespace(s[pos]))
        {
            pos++;
        }

        return pos;
    }

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
