namespace Switchboard.Grains.Calls;

/// <summary>
/// Key shapes of the call grains. Every key starts with a letter: Orleans stores a numeric- or hex-looking
/// string key as an integer key, so a raw SIP Call-ID such as <c>0beeff8</c> could share a row with another.
/// </summary>
public static class CallKeys
{
    private const string LegPrefix = "leg:";

    /// <summary>A fresh call id, <c>call-&lt;guid:N&gt;</c>; the edge creates it at the initial INVITE.</summary>
    public static string NewCallId() => "call-" + Guid.NewGuid().ToString("N");

    /// <summary>The <see cref="ILegIndexGrain"/> key for a leg's SIP Call-ID (case-sensitive, RFC 3261 §20.8).</summary>
    public static string LegIndex(string legCallId)
    {
        ArgumentException.ThrowIfNullOrEmpty(legCallId);
        return LegPrefix + legCallId;
    }
}
