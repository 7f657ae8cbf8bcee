using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// Tenant call policies in whole seconds. Merge semantics: an absent (or null) member keeps what is stored, so
/// <c>{"ringTimeoutSeconds": 20}</c> changes the ring timeout and nothing else; on create, absent members take
/// <see cref="TenantPolicies.Default"/>. <see cref="DigestAlgorithms"/>: "md5" and/or "sha256" in the order the edge
/// offers them to phones; absent keeps the list, empty goes back to MD5 only (<see cref="DigestPolicy.Default"/>).
/// </summary>
public sealed record PoliciesRequest(
    int? RingTimeoutSeconds, int? MaxCallDurationSeconds, bool? OutboundAllowed, IReadOnlyList<string>? DigestAlgorithms = null, bool? RecordingAllowed = null)
{
    public TenantPoliciesPatch ToPatch(FieldErrors errors, string prefix)
    {
        if (RingTimeoutSeconds is < 1 or > 600)
        {
            errors.Add(prefix + "ringTimeoutSeconds", "must be from 1 to 600.");
        }

        if (MaxCallDurationSeconds is < 1 or > 86400)
        {
            errors.Add(prefix + "maxCallDurationSeconds", "must be from 1 to 86400.");
        }

        // Read says null for both "absent" and "empty"; the patch needs the difference (keep vs back to the default).
        var algorithms = DigestAlgorithmsField.Read(errors, prefix + "digestAlgorithms", DigestAlgorithms);
        return new TenantPoliciesPatch(
            RingTimeoutSeconds is { } ring ? TimeSpan.FromSeconds(ring) : null,
            MaxCallDurationSeconds is { } max ? TimeSpan.FromSeconds(max) : null,
            OutboundAllowed,
            DigestAlgorithms is null ? null : algorithms ?? [],
            RecordingAllowed);
    }
}
