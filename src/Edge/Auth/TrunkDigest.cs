using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;
using Switchboard.Sip.Auth;

namespace Switchboard.Edge.Auth;

/// <summary>
/// Answers a carrier's 401/407 on a trunk leg with the trunk's credentials (RFC 3261 §22.2): the trunk's digest
/// policy picks the challenge, the SIP library's <see cref="DigestClient"/> (the same hashing the edge verifies
/// phones with) computes the answer. The password never leaves the library's HA1 computation.
/// </summary>
public static class TrunkDigest
{
    /// <summary>
    /// Answers the carrier's challenge in the trunk's most preferred algorithm it offers (RFC 8760 §2.4: a client
    /// uses the first challenge it supports; the trunk's <see cref="DigestPolicy"/> says what we support). Null when
    /// no challenge is in an algorithm the trunk allows, so the leg fails as unauthenticated.
    /// </summary>
    public static string? Answer(IReadOnlyList<string> challenges, TrunkCredentials credentials, string method, string uri)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        ArgumentNullException.ThrowIfNull(credentials);
        var preference = DigestAlgorithms.ToSip(DigestPolicy.Resolve(credentials.DigestAlgorithms));
        return DigestClient.Choose(challenges, preference) is { } challenge
            ? DigestClient.Answer(challenge, credentials.Username, credentials.Password, method, uri)
            : null;
    }

    /// <summary>The Authorization/Proxy-Authorization value for one challenge, or null for a challenge we cannot answer.</summary>
    public static string? Answer(string challenge, string username, string password, string method, string uri) =>
        DigestChallenge.TryParse(challenge, out var parsed) ? DigestClient.Answer(parsed, username, password, method, uri) : null;
}
