using System.Net;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// PUT /api/v1/tenants/{tenantId}/trunks/{trunkId}. <see cref="Password"/> is write-only: given, it replaces the
/// digest credentials (with <see cref="Username"/>); absent, the stored ones stay. <see cref="Port"/> omitted or 0:
/// the edge locates the carrier's servers as RFC 3263 §4 says (SRV for the transport, else A/AAAA on 5060/5061).
/// <see cref="DigestAlgorithms"/>: which of the carrier's digest challenges the edge answers, in order of preference
/// ("md5" and/or "sha256"); absent means MD5 only.
/// </summary>
public sealed record TrunkRequest(
    string? Host,
    int? Port,
    string? Transport,
    string? Username,
    string? Password,
    IReadOnlyList<NumberRewriteRule>? Rewrites,
    int? Priority,
    bool? SignallingOnly,
    string? CarrierCostPlanId,
    IReadOnlyList<string>? InboundSources,
    bool? Enabled,
    IReadOnlyList<string>? DigestAlgorithms = null)
{
    public (Trunk? Trunk, TrunkCredentials? Credentials) Validate(FieldErrors errors, string trunkId)
    {
        if (trunkId.Length > 64 || !trunkId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            errors.Add("trunkId", "must be 1-64 letters, digits, '.', '_' or '-'.");
        }

        if (errors.Required("host", Host) && Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            errors.Add("host", "must be a host name or IP address.");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add("port", "must be from 1 to 65535, or 0 (or omitted) to locate the carrier through DNS SRV.");
        }

        SipTransport? transport = Transport switch
        {
            null or "udp" => SipTransport.Udp,
            "tcp" => SipTransport.Tcp,
            "tls" => SipTransport.Tls,
            _ => null,
        };
        if (transport is null)
        {
            errors.Add("transport", "must be 'udp', 'tcp' or 'tls'.");
        }

        if (Password is not null && string.IsNullOrWhiteSpace(Username))
        {
            errors.Add("username", "is required with a password.");
        }

        errors.Text("password", Password, 128, required: false);
        if (CarrierCostPlanId is not null)
        {
            errors.Identifier("carrierCostPlanId", CarrierCostPlanId, 64);
        }

        if (Rewrites?.Any(r => r?.Prefix is null || r.Replacement is null) == true)
        {
            errors.Add("rewrites", "every rule needs a prefix and a replacement (either may be empty).");
        }

        if (InboundSources?.Any(s => s is null || !IsAddressOrRange(s)) == true)
        {
            errors.Add("inboundSources", "must be IP addresses or CIDR ranges.");
        }

        var algorithms = DigestAlgorithmsField.Read(errors, "digestAlgorithms", DigestAlgorithms);
        if (!errors.IsEmpty)
        {
            return (null, null);
        }

        var trunk = new Trunk(trunkId, Host!, Port ?? 0, transport!.Value, Username, Rewrites ?? [], Priority ?? 0,
            SignallingOnly ?? false, CarrierCostPlanId, InboundSources ?? [], Enabled ?? true, algorithms);
        return (trunk, Password is null ? null : new TrunkCredentials(Username!, Password));
    }

    private static bool IsAddressOrRange(string source)
    {
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? source : source[..slash];
        return IPAddress.TryParse(address, out var ip)
            && (slash < 0 || (int.TryParse(source.AsSpan(slash + 1), out var bits) && bits >= 0
                && bits <= (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)));
    }
}
