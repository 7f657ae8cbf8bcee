using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// Tenant policies in whole seconds, the same shape as <see cref="PoliciesRequest"/>; the digest algorithms in force.
/// <see cref="OutboundAllowed"/> is what calls obey: false while <see cref="OutboundBlock"/> (an operator's) is set.
/// </summary>
public sealed record PoliciesView(
    int RingTimeoutSeconds,
    int MaxCallDurationSeconds,
    bool OutboundAllowed,
    IReadOnlyList<string> DigestAlgorithms,
    OutboundBlock? OutboundBlock,
    bool RecordingAllowed)
{
    public static PoliciesView From(TenantPolicies p, OutboundBlock? block) =>
        new((int)p.RingTimeout.TotalSeconds, (int)p.MaxCallDuration.TotalSeconds, p.OutboundAllowed,
            DigestPolicy.Format(DigestPolicy.Resolve(p.DigestAlgorithms)), block, p.RecordingAllowed);
}
