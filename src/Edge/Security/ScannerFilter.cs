using System.Text;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Security;

/// <summary>
/// Recognises the User-Agent of a known SIP scanner (<see cref="SecurityOptions.ScannerUserAgents"/>) in the raw
/// header bytes, ignoring ASCII case, with no allocation: it runs on every request the edge receives.
/// </summary>
public sealed class ScannerFilter
{
    private readonly byte[][] _patterns;

    public ScannerFilter(IOptions<SecurityOptions> options)
    {
        _patterns = [.. options.Value.EffectiveScannerUserAgents.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Encoding.ASCII.GetBytes(p.Trim()))];
    }

    /// <summary>Whether <paramref name="userAgent"/> (a header value as received) contains one of the patterns.</summary>
    public bool IsScanner(ReadOnlySpan<byte> userAgent)
    {
        foreach (var pattern in _patterns)
        {
            for (var at = 0; at + pattern.Length <= userAgent.Length; at++)
            {
                if (Ascii.EqualsIgnoreCase(userAgent.Slice(at, pattern.Length), pattern))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
