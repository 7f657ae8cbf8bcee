using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// Tenant call policies in whole seconds; absent members keep <see cref="TenantPolicies.Default"/>.
/// <see cref="DigestAlgorithms"/>: "md5" and/or "sha256" in the order the edge offers them to phones; absent or
/// empty means MD5 only (<see cref="DigestPolicy.Default"/>).
/// </summary>
public sealed record PoliciesRequest(int? RingTimeoutSeconds, int? MaxCallDurationSeconds, bool? OutboundAllowed, IReadOnlyList<string>? DigestAlgorithms = null)
{
    public TenantPolicies ToPolicies(FieldErrors errors, string prefix)
    {
        var d = TenantPolicies.Default;
        if (RingTimeoutSeconds is < 1 or > 600)
        {
            errors.Add(prefix + "ringTimeoutSeconds", "must be from 1 to 600.");
        }

        if (MaxCallDurationSeconds is < 1 or > 86400)
        {
            errors.Add(prefix + "maxCallDurationSeconds", "must be from 1 to 86400.");
        }

        var algorithms = DigestAlgorithmsField.Read(errors, prefix + "digestAlgorithms", DigestAlgorithms);
        return new TenantPolicies(
            RingTimeoutSeconds is { } ring ? TimeSpan.FromSeconds(ring) : d.RingTimeout,
            MaxCallDurationSeconds is { } max ? TimeSpan.FromSeconds(max) : d.MaxCallDuration,
            OutboundAllowed ?? d.OutboundAllowed,
            algorithms);
    }
}
