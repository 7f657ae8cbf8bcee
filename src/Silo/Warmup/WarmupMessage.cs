using System.Globalization;

namespace Switchboard.Silo.Warmup;

/// <summary>
/// The few things the warm-up's own peers read from a SIP message as text: its start line and header values. The
/// peers talk only to this process's edge, which writes full header names, so this is no general parser; the edge's
/// parser is what the warm-up exercises, not this.
/// </summary>
internal readonly struct WarmupMessage(string text)
{
    public string Text { get; } = text;

    public bool IsResponse => Text.StartsWith("SIP/2.0 ", StringComparison.Ordinal);

    /// <summary>The status code of a response, 0 for a request or a broken start line.</summary>
    public int Status => IsResponse && Text.Length >= 11 && int.TryParse(Text.AsSpan(8, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;

    /// <summary>The method of a request, or empty for a response.</summary>
    public string Method => IsResponse ? string.Empty : Text[..Math.Max(0, Text.IndexOf(' ', StringComparison.Ordinal))];

    public string CallId => Header("Call-ID") ?? string.Empty;

    /// <summary>The CSeq header's number and method, e.g. (2, "INVITE").</summary>
    public (long Number, string Method) CSeq
    {
        get
        {
            var value = Header("CSeq") ?? string.Empty;
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 && long.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? (number, value[(space + 1)..].Trim())
                : (0, string.Empty);
        }
    }

    /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers(name).FirstOrDefault();

    /// <summary>Every value of header <paramref name="name"/>, in order, one per header line.</summary>
    public IEnumerable<string> Headers(string name)
    {
        var end = Text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? Text : Text[..end];
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                yield return line[(colon + 1)..].Trim();
            }
        }
    }

    /// <summary>The URI inside the first Contact's angle brackets (or the bare value).</summary>
    public string? ContactUri()
    {
        var contact = Header("Contact");
        if (contact is null)
        {
            return null;
        }

        var open = contact.IndexOf('<', StringComparison.Ordinal);
        var close = contact.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? contact[(open + 1)..close] : contact.Split(';')[0];
    }
}
