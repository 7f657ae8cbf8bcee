namespace Switchboard.Grains.Emergency;

/// <summary>
/// A location by reference for the <c>Geolocation</c> header (RFC 6442 §4.1): an absolute URI the emergency
/// network dereferences (a location server's https URL, or a sip/sips/pres URI). By value (<c>cid:</c> with a
/// PIDF-LO body) is not offered: our INVITEs carry SDP only.
/// </summary>
public static class GeolocationUri
{
    public const int MaxLength = 512;

    public const string Rule = "must be an absolute http, https, sip, sips or pres URI of at most 512 characters";

    private static readonly string[] Schemes = ["https", "http", "sip", "sips", "pres"];

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            // It goes between angle brackets in a header: nothing that ends the value or the line.
            if (c <= ' ' || c >= 0x7F || c is '<' or '>' or '"')
            {
                return false;
            }
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < value.Length - 1
            && Schemes.Contains(value[..colon], StringComparer.OrdinalIgnoreCase)
            && Uri.TryCreate(value, UriKind.Absolute, out _);
    }
}
