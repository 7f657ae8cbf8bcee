using System.Buffers;
using System.Text;

namespace Switchboard.Sip;

/// <summary>
/// The name-addr / addr-spec form shared by From, To, Contact, Route, Record-Route and Path (RFC 3261 §20.10, §25.1):
/// an optional display name, a URI, and header parameters such as ";tag=".
/// </summary>
public sealed class NameAddress
{
    public NameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>Display name without quotes or escapes; null when absent.</summary>
    public string? DisplayName { get; set; }

    public SipUri Uri { get; set; }

    /// <summary>Header parameters (after the URI, outside the angle brackets).</summary>
    public SipParameters Parameters { get; } = new();

    /// <summary>The dialog tag of From/To (§19.3).</summary>
    public string? Tag
    {
        get => Parameters["tag"];
        set
        {
            if (value is null)
            {
                Parameters.Remove("tag");
            }
            else
            {
                Parameters.Set("tag", value);
            }
        }
    }

    public static NameAddress Parse(string text) =>
        TryParse(Encoding.UTF8.GetBytes(text), out var value) ? value : throw new FormatException($"Not a valid name-addr: '{text}'.");

    public static bool TryParse(ReadOnlySpan<byte> text, out NameAddress value)
    {
        if (!TryParseCore(text, materialise: true, out var result))
        {
            value = null!;
            return false;
        }

        value = result!;
        return true;
    }

    /// <summary>Validates without allocating.</summary>
    public static bool IsValid(ReadOnlySpan<byte> text) => TryParseCore(text, materialise: false, out _);

    public void WriteTo(IBufferWriter<byte> writer)
    {
        // Always write the name-addr form: it is valid for every URI and keeps URI parameters apart from header ones.
        if (DisplayName is not null)
        {
            WireWriter.Write(writer, (byte)'"');
            WireWriter.Write(writer, DisplayName.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal));
            WireWriter.Write(writer, "\" "u8);
        }

        WireWriter.Write(writer, (byte)'<');
        Uri.WriteTo(writer);
        WireWriter.Write(writer, (byte)'>');
        WireWriter.WriteParameters(writer, Parameters, (byte)';', (byte)';');
    }

    public override string ToString() => WireWriter.Render(WriteTo);

    private static bool TryParseCore(ReadOnlySpan<byte> s, bool materialise, out NameAddress? value)
    {
        value = null;
        s = SipSyntax.Trim(s);
        if (s.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<byte> display = default;
        bool quoted = false;
        int lt;
        if (s[0] == '"')
        {
            int n = SipSyntax.QuotedStringLength(s);
            if (n < 0)
            {
                return false;
            }

            display = s[..n];
            quoted = true;
            lt = n + s[n..].IndexOfAnyExcept(SipSyntax.Whitespace);
            if (lt < n || s[lt] != '<')
            {
                return false;
            }
        }
        else
        {
            // A token display name cannot contain ';' or '"', so a '<' before either starts a name-addr.
            lt = s.IndexOfAny((byte)'<', (byte)';', (byte)'"');
            if (lt >= 0 && s[lt] != '<')
            {
                lt = -1;
            }

            if (lt > 0)
            {
                display = SipSyntax.Trim(s[..lt]);
                if (display.ContainsAnyExcept(DisplayTokenChars))
                {
                    return false;
                }
            }
        }

        ReadOnlySpan<byte> uri;
        ReadOnlySpan<byte> parameters;
        if (lt >= 0)
        {
            int gt = s[lt..].IndexOf((byte)'>');
            if (gt < 0)
            {
                return false;
            }

            uri = s[(lt + 1)..(lt + gt)];
            parameters = s[(lt + gt + 1)..];
        }
        else
        {
            // addr-spec: parameters after the URI belong to the header (§20.10), so the URI ends at the first ';'.
            int semi = s.IndexOf((byte)';');
            uri = SipSyntax.Trim(semi < 0 ? s : s[..semi]);
            parameters = semi < 0 ? default : s[semi..];

            // §20.10: a URI with a comma, question mark or semicolon must be bracketed (RFC 4475 §3.1.2.15).
            if (uri.IndexOfAny((byte)'?', (byte)',') >= 0)
            {
                return false;
            }
        }

        if (!materialise)
        {
            return SipUri.IsValid(uri) && SipParameters.TryParse(parameters, SipParameterSyntax.Header, null);
        }

        if (!SipUri.TryParse(uri, out var parsedUri))
        {
            return false;
        }

        string? displayName = display.IsEmpty ? null : quoted ? SipSyntax.Unquote(display) : SipSyntax.ToUnfoldedString(display);
        var result = new NameAddress(parsedUri, displayName);
        if (!SipParameters.TryParse(parameters, SipParameterSyntax.Header, result.Parameters))
        {
            return false;
        }

        value = result;
        return true;
    }

    private static readonly SearchValues<byte> DisplayTokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~ \t\r\n"u8);
}
