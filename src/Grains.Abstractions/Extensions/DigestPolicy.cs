namespace Switchboard.Grains.Extensions;

/// <summary>
/// Which digest algorithms a challenge offers to a phone, or a trunk answers a carrier with, in order of preference
/// (RFC 8760 §2.4: a server lists its challenges by preference and a client takes the first it supports). Set per
/// tenant (<see cref="Tenants.TenantPolicies.DigestAlgorithms"/>), overridden per extension
/// (<see cref="ExtensionSettings.DigestAlgorithms"/>), chosen per trunk (<see cref="Tenants.Trunk.DigestAlgorithms"/>);
/// unset (null or empty) means inherit, and at the top <see cref="Default"/>. What makes a list valid is stated here only.
/// </summary>
public static class DigestPolicy
{
    /// <summary>Why a list was refused, worded for an API client or an exception.</summary>
    public const string Rule = "must list \"md5\" and/or \"sha256\", each at most once, in order of preference";

    /// <summary>
    /// MD5 only, as Asterisk, Kamailio and FreeSWITCH challenge by default: common phones (libre/baresip, sipp) give
    /// up on a challenge set that holds an algorithm they cannot compute, so SHA-256 is opt-in.
    /// </summary>
    public static IReadOnlyList<DigestAlgorithm> Default { get; } = [DigestAlgorithm.Md5];

    /// <summary>True for an unset list or one that follows <see cref="Rule"/>.</summary>
    public static bool IsValid(IReadOnlyList<DigestAlgorithm>? algorithms) =>
        algorithms is null || algorithms.Count == 0
        || (algorithms.Count <= 2 && algorithms.All(a => Enum.IsDefined(a)) && algorithms.Distinct().Count() == algorithms.Count);

    /// <summary>The list in force: <paramref name="own"/> when set, else <paramref name="inherited"/> when set, else <see cref="Default"/>.</summary>
    public static IReadOnlyList<DigestAlgorithm> Resolve(IReadOnlyList<DigestAlgorithm>? own, IReadOnlyList<DigestAlgorithm>? inherited = null) =>
        own is { Count: > 0 } ? own : inherited is { Count: > 0 } ? inherited : Default;

    /// <summary>
    /// Reads the API's tokens ("md5", "sha256"; also "SHA-256" as RFC 7616 §6.1 registers it), case-insensitively.
    /// An empty list reads as unset (null). False when a token is unknown or the list breaks <see cref="Rule"/>.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string>? tokens, out IReadOnlyList<DigestAlgorithm>? algorithms)
    {
        algorithms = null;
        if (tokens is null || tokens.Count == 0)
        {
            return true;
        }

        var parsed = new List<DigestAlgorithm>(tokens.Count);
        foreach (var token in tokens)
        {
            DigestAlgorithm? algorithm = token?.ToLowerInvariant() switch
            {
                "md5" => DigestAlgorithm.Md5,
                "sha256" or "sha-256" => DigestAlgorithm.Sha256,
                _ => null,
            };
            if (algorithm is null)
            {
                return false;
            }

            parsed.Add(algorithm.Value);
        }

        algorithms = parsed;
        return IsValid(parsed);
    }

    /// <summary>The API's tokens for a list, the same words the JSON enum converter writes.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<DigestAlgorithm> algorithms) =>
        [.. algorithms.Select(a => a == DigestAlgorithm.Sha256 ? "sha256" : "md5")];
}
