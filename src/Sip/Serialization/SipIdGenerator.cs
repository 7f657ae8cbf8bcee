namespace Switchboard.Sip;

/// <summary>
/// Random identifiers for tags, branches and Call-IDs. They come from the OS CSPRNG (<see cref="SecureRandom"/>) so they cannot be guessed
/// (§19.3 wants tags and Call-IDs globally unique; a guessable Call-ID lets an outsider inject into a dialog).
/// </summary>
public static class SipIdGenerator
{
    /// <summary>A 64-bit random tag as 16 lower-case hex digits (§19.3 asks for at least 32 bits).</summary>
    public static string NewTag() => RandomHex(8);

    /// <summary>A branch starting with the RFC 3261 magic cookie "z9hG4bK" (§8.1.1.7), with 96 random bits.</summary>
    public static string NewBranch() => string.Concat(ViaHeader.MagicCookie, RandomHex(12));

    /// <summary>A 128-bit random Call-ID, optionally "@host" (§20.8).</summary>
    public static string NewCallId(string? host = null) => host is null ? RandomHex(16) : string.Concat(RandomHex(16), "@", host);

    private static string RandomHex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        SecureRandom.Fill(buffer);
        return Convert.ToHexStringLower(buffer);
    }
}
