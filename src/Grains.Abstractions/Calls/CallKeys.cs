namespace Switchboard.Grains.Calls;

/// <summary>
/// Key shapes of the call grains. Every key starts with a letter: Orleans stores a numeric- or hex-looking
/// string key as an integer key, so a raw SIP Call-ID such as <c>0beeff8</c> could share a row with another.
/// </summary>
public static class CallKeys
{
    /// <summary>What every call id starts with.</summary>
    public const string Prefix = "call-";

    /// <summary>A fresh call id, <c>call-&lt;guid:N&gt;</c>; the edge creates it at the initial INVITE.</summary>
    public static string NewCallId() => Prefix + Guid.NewGuid().ToString("N");
}
