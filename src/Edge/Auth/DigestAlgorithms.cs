using GrainDigestAlgorithm = Switchboard.Grains.Extensions.DigestAlgorithm;
using SipDigestAlgorithm = Switchboard.Sip.Auth.DigestAlgorithm;

namespace Switchboard.Edge.Auth;

/// <summary>
/// The grains' stored-HA1 algorithm names and the SIP library's are two enums (the contracts assembly does not
/// reference the protocol library); the edge is where they meet, and this is the one mapping between them.
/// </summary>
public static class DigestAlgorithms
{
    public static SipDigestAlgorithm ToSip(GrainDigestAlgorithm algorithm) =>
        algorithm == GrainDigestAlgorithm.Sha256 ? SipDigestAlgorithm.Sha256 : SipDigestAlgorithm.Md5;

    public static GrainDigestAlgorithm ToGrain(SipDigestAlgorithm algorithm) =>
        algorithm == SipDigestAlgorithm.Sha256 ? GrainDigestAlgorithm.Sha256 : GrainDigestAlgorithm.Md5;

    public static IReadOnlyList<SipDigestAlgorithm> ToSip(IReadOnlyList<GrainDigestAlgorithm> algorithms) => [.. algorithms.Select(ToSip)];
}
