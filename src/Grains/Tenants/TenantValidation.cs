using System.Text.RegularExpressions;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tenants;

/// <summary>
/// Checks tenant configuration before it is stored: null when it is valid, else the first problem, naming the bad
/// field (the grain returns it as <see cref="GrainErrorCode.Invalid"/>).
/// </summary>
public static partial class TenantValidation
{
    public static string? CheckTenantId(string tenantId) =>
        TenantIdPattern().IsMatch(tenantId) ? null : $"Tenant id '{tenantId}' must match ^[a-z][a-z0-9-]{{1,31}}$.";

    public static string? Check(TenantSettings? settings)
    {
        if (settings is null)
        {
            return "Settings are required.";
        }

        return string.IsNullOrWhiteSpace(settings.Name) ? "Name is required."
            : !HostPattern().IsMatch(settings.SipDomain ?? string.Empty) ? $"SipDomain '{settings.SipDomain}' is not a host name."
            : string.IsNullOrWhiteSpace(settings.AccountId) ? "AccountId is required."
            : Check(settings.Policies);
    }

    public static string? Check(TenantPolicies? policies) =>
        policies is null ? "Policies are required."
        : policies.RingTimeout <= TimeSpan.Zero ? "Policies.RingTimeout must be positive."
        : policies.MaxCallDuration <= TimeSpan.Zero ? "Policies.MaxCallDuration must be positive."
        : !DigestPolicy.IsValid(policies.DigestAlgorithms) ? $"Policies.DigestAlgorithms {DigestPolicy.Rule}."
        : null;

    public static string? Check(Trunk? trunk)
    {
        if (trunk is null)
        {
            return "Trunk is required.";
        }

        if (!IdPattern().IsMatch(trunk.TrunkId ?? string.Empty))
        {
            return $"TrunkId '{trunk.TrunkId}' must be 1-64 of [A-Za-z0-9._-].";
        }

        if (string.IsNullOrWhiteSpace(trunk.Host))
        {
            return "Host is required.";
        }

        // Port 0: none given, so the edge locates the carrier's servers through DNS SRV (RFC 3263 §4.2).
        if (trunk.Port is < 0 or >= 65536)
        {
            return $"Port {trunk.Port} is out of range (0 = locate through DNS SRV).";
        }

        if (trunk.Rewrites is null || !trunk.Rewrites.All(r => r is { Prefix: not null, Replacement: not null }))
        {
            return "Rewrites must have a prefix and a replacement.";
        }

        if (trunk.InboundSources is null)
        {
            return "InboundSources is required (may be empty).";
        }

        foreach (var source in trunk.InboundSources)
        {
            if (!IpRange.TryParse(source, out _))
            {
                return $"InboundSources entry '{source}' is not an IP address or CIDR range.";
            }
        }

        return DigestPolicy.IsValid(trunk.DigestAlgorithms) ? null : $"DigestAlgorithms {DigestPolicy.Rule}.";
    }

    public static string? Check(Did? did) =>
        did is null ? "DID is required."
        : !DidPattern().IsMatch(did.Number ?? string.Empty) ? $"DID '{did.Number}' must be 3-20 digits (E.164 without '+')."
        : string.IsNullOrWhiteSpace(did.Extension) ? "Extension is required."
        : null;

    /// <summary>A webhook URL must be absolute http(s) without credentials in it; the secret long enough to resist guessing.</summary>
    public static string? Check(TenantFraudWebhook? webhook) =>
        webhook is null ? "Webhook is required."
        : !webhook.Url.IsAbsoluteUri || webhook.Url.Scheme is not ("https" or "http") ? "Url must be an absolute http(s) URL."
        : webhook.Url.UserInfo.Length > 0 ? "Url must not carry credentials."
        : webhook.Secret is not { Length: >= TenantFraudWebhook.MinSecretLength and <= TenantFraudWebhook.MaxSecretLength } ? $"Secret must be {TenantFraudWebhook.MinSecretLength}-{TenantFraudWebhook.MaxSecretLength} characters."
        : null;

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex TenantIdPattern();

    [GeneratedRegex("^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{3,20}$")]
    private static partial Regex DidPattern();
}
