using System.Text;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

/// <summary>
/// RFC 3261 §18.1.1: a request bound for UDP that is larger than 1300 bytes (or within 200 bytes of the path MTU) goes
/// over a congestion-controlled transport, TCP, so it is neither fragmented nor lost as a whole with any one fragment.
/// The switch changes the top Via's transport token in place (UDP and TCP have the same length), so the request is
/// not rebuilt; the fallback to UDP when the TCP connection is refused changes it back (same section: "SHOULD retry
/// the request, using UDP").
/// </summary>
public static class LargeRequestRule
{
    /// <summary>True when a request of <paramref name="length"/> bytes to <paramref name="destination"/> must leave over TCP.</summary>
    public static bool Applies(SipEndPoint destination, int length, int limit) =>
        destination.Kind == SipTransportKind.Udp && limit > 0 && length > limit;

    /// <summary>
    /// The offset of the transport token ("UDP") in the top Via's sent-protocol (§20.42: SIP / 2.0 / transport, LWS
    /// allowed around the slashes), or -1 when the first Via does not name UDP.
    /// </summary>
    public static int FindTopViaTransport(ReadOnlySpan<byte> message)
    {
        var lineStart = message.IndexOf("\r\n"u8);
        while (lineStart >= 0)
        {
            var line = message[(lineStart + 2)..];
            var end = line.IndexOf("\r\n"u8);
            if (end <= 0)
            {
                return -1; // the blank line: no Via at all
            }

            if (ViaValueStart(line[..end]) is var valueStart and >= 0)
            {
                var value = line[valueStart..end];
                var at = TransportOffset(value);
                return at < 0 || !Ascii.EqualsIgnoreCase(value.Slice(at, Math.Min(3, value.Length - at)), "UDP"u8)
                    || (value.Length > at + 3 && value[at + 3] is not ((byte)' ' or (byte)'\t'))
                    ? -1
                    : lineStart + 2 + valueStart + at;
            }

            lineStart += 2 + end;
        }

        return -1;
    }

    /// <summary>Writes <paramref name="transport"/> (three letters) over the token at <paramref name="offset"/>.</summary>
    public static void Rewrite(Span<byte> message, int offset, ReadOnlySpan<byte> transport) =>
        transport[..3].CopyTo(message[offset..]);

    /// <summary>Where the value starts when the line is a Via header (full or compact name, §7.3.3), else -1.</summary>
    private static int ViaValueStart(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return -1;
        }

        var name = line[..colon].TrimEnd(" \t"u8);
        return Ascii.EqualsIgnoreCase(name, "Via"u8) || Ascii.EqualsIgnoreCase(name, "v"u8) ? colon + 1 : -1;
    }

    /// <summary>The offset of the token after the second slash of sent-protocol, LWS skipped; -1 if malformed.</summary>
    private static int TransportOffset(ReadOnlySpan<byte> value)
    {
        var slashes = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == (byte)'/' && ++slashes == 2)
            {
                var at = i + 1;
                while (at < value.Length && value[at] is (byte)' ' or (byte)'\t')
                {
                    at++;
                }

                return at < value.Length ? at : -1;
            }

            if (value[i] is (byte)';' or (byte)',')
            {
                return -1;
            }
        }

        return -1;
    }
}
