using GrainDigestAlgorithm = Switchboard.Grains.Extensions.DigestAlgorithm;
using SipDigestAlgorithm = Switchboard.Sip.Auth.DigestAlgorithm;

namespace Switchboard.Edge.Auth;

/// <summary>
/// The grain contracts name digest algorithms with their own serializable enum (a wire type with a stable alias,
/// stored in grain state and policies); the SIP library, which computes and verifies, has its own. The edge is
/// where the two meet, and this is the one mapping between them.
/// </summary>
public static class DigestAlgorithms
{
    public static SipDigestAlgorithm ToSip(GrainDigestAlgorithm algorithm) =>
        algorithm == GrainDigestAlgorithm.Sha256 ? SipDigestAlgorithm.Sha256 : SipDigestAlgorithm.Md5;

    public static GrainDigestAlgorithm ToGrain(SipDigestAlgorithm algorithm) =>
        algorithm == SipDigestAlgorithm.Sha256 ? GrainDigestAlgorithm.Sha256 : GrainDigestAlgorithm.Md5;

    public static IReadOnlyList<SipDigestAlgorithm> ToSip(IReadOnlyList<GrainDigestAlgorithm> algorithms) => [.. algorithms.Select(ToSip)];
}
