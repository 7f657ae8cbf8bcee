using System.Globalization;
using System.Text;

namespace Switchboard.Sip.Sdp;

public sealed partial class SdpSession
{
    /// <summary>
    /// Parses an SDP body. Lines end in CRLF, or a bare LF (RFC 4566 §5 asks parsers to accept both). v, o and s must
    /// open the description in that order (§5); anything else unknown is kept.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out SdpSession session, out string? error)
    {
        session = null!;
        error = null;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            error = "SDP is not UTF-8";
            return false;
        }

        var result = new SdpSession();
        SdpMedia? media = null;
        int index = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                error = $"line {index + 1} is not type=value";
                return false;
            }

            char type = line[0];
            string value = line[2..];
            error = index switch
            {
                0 when type != 'v' => "first line must be v=",
                1 when type != 'o' => "second line must be o=",
                2 when type != 's' => "third line must be s=",
                _ => null,
            };
            if (error is not null || !Apply(result, ref media, type, value, out error))
            {
                return false;
            }

            index++;
        }

        if (index < 3)
        {
            error = "v=, o= and s= are required";
            return false;
        }

        session = result;
        return true;
    }

    public static SdpSession Parse(string text) =>
        TryParse(Encoding.UTF8.GetBytes(text), out var s, out var error) ? s : throw new FormatException($"Invalid SDP: {error}.");

    private static bool Apply(SdpSession session, ref SdpMedia? media, char type, string value, out string? error)
    {
        error = null;
        switch (type)
        {
            case 'v':
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version != 0)
                {
                    error = "unsupported v=";
                    return false;
                }

                session.Version = version;
                return true;
            case 'o':
                if (!SdpOrigin.TryParse(value, out var origin))
                {
                    error = "invalid o=";
                    return false;
                }

                session.Origin = origin;
                return true;
            case 's':
                session.SessionName = value;
                return true;
            case 'c':
                if (!SdpConnection.TryParse(value, out var connection))
                {
                    error = "invalid c=";
                    return false;
                }

                if (media is null)
                {
                    session.Connection = connection;
                }
                else
                {
                    media.Connection = connection;
                }

                return true;
            case 'm':
                if (!TryParseMedia(value, out var parsed))
                {
                    error = "invalid m=";
                    return false;
                }

                media = parsed;
                session.Media.Add(parsed);
                return true;
            case 'a':
                int colon = value.IndexOf(':', StringComparison.Ordinal);
                var attribute = colon < 0 ? new SdpAttribute(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
                (media?.Attributes ?? session.Attributes).Add(attribute);
                return true;
            default:
                (media?.Lines ?? session.Lines).Add(new SdpLine(type, value));
                return true;
        }
    }

    private static bool TryParseMedia(string value, out SdpMedia media)
    {
        media = null!;
        var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (p.Length < 3)
        {
            return false;
        }

        var port = p[1].Split('/');
        if (!int.TryParse(port[0], NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 65535)
        {
            return false;
        }

        int? count = null;
        if (port.Length == 2)
        {
            if (!int.TryParse(port[1], NumberStyles.None, CultureInfo.InvariantCulture, out int c))
            {
                return false;
            }

            count = c;
        }

        media = new SdpMedia(p[0], number, p[2], p.Skip(3)) { PortCount = count };
        return true;
    }
}
