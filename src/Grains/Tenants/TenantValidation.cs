using System.Text.RegularExpressions;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tenants;

/// <summary>Checks tenant configuration before it is stored; each failure names the bad field.</summary>
public static partial class TenantValidation
{
    public static void ValidateTenantId(string tenantId)
    {
        if (!TenantIdPattern().IsMatch(tenantId))
        {
            throw new ArgumentException($"Tenant id '{tenantId}' must match ^[a-z][a-z0-9-]{{1,31}}$.", nameof(tenantId));
        }
    }

    public static void Validate(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Require(!string.IsNullOrWhiteSpace(settings.Name), "Name is required.");
        Require(HostPattern().IsMatch(settings.SipDomain ?? string.Empty), $"SipDomain '{settings.SipDomain}' is not a host name.");
        Require(!string.IsNullOrWhiteSpace(settings.AccountId), "AccountId is required.");
        Require(settings.Policies is not null, "Policies are required.");
        Require(settings.Policies!.RingTimeout > TimeSpan.Zero, "Policies.RingTimeout must be positive.");
        Require(settings.Policies.MaxCallDuration > TimeSpan.Zero, "Policies.MaxCallDuration must be positive.");
        Require(DigestPolicy.IsValid(settings.Policies.DigestAlgorithms), $"Policies.DigestAlgorithms {DigestPolicy.Rule}.");
    }

    public static void Validate(Trunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        Require(IdPattern().IsMatch(trunk.TrunkId ?? string.Empty), $"TrunkId '{trunk.TrunkId}' must be 1-64 of [A-Za-z0-9._-].");
        Require(!string.IsNullOrWhiteSpace(trunk.Host), "Host is required.");
        // Port 0: none given, so the edge locates the carrier's servers through DNS SRV (RFC 3263 §4.2).
        Require(trunk.Port is >= 0 and < 65536, $"Port {trunk.Port} is out of range (0 = locate through DNS SRV).");
        Require(trunk.Rewrites is not null && trunk.Rewrites.All(r => r is { Prefix: not null, Replacement: not null }), "Rewrites must have a prefix and a replacement.");
        Require(trunk.InboundSources is not null, "InboundSources is required (may be empty).");
        foreach (var source in trunk.InboundSources!)
        {
            Require(IpRange.TryParse(source, out _), $"InboundSources entry '{source}' is not an IP address or CIDR range.");
        }

        Require(DigestPolicy.IsValid(trunk.DigestAlgorithms), $"DigestAlgorithms {DigestPolicy.Rule}.");
    }

    public static void Validate(Did did)
    {
        ArgumentNullException.ThrowIfNull(did);
        Require(DidPattern().IsMatch(did.Number ?? string.Empty), $"DID '{did.Number}' must be 3-20 digits (E.164 without '+').");
        Require(!string.IsNullOrWhiteSpace(did.Extension), "Extension is required.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex TenantIdPattern();

    [GeneratedRegex("^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{3,20}$")]
    private static partial Regex DidPattern();
}
