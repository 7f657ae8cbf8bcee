using Microsoft.Extensions.Logging;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Security;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Sip;
using Switchboard.Sip.Auth;

namespace Switchboard.Edge.Auth;

/// <summary>
/// Digest authentication of phones (RFC 3261 §22): REGISTER is challenged with 401/WWW-Authenticate, other
/// requests with 407/Proxy-Authenticate (§22.3). The extension grain supplies realm and HA1; nonces and the
/// response check are the edge's (<see cref="DigestAuthenticator"/>). Unknown, disabled, locked and wrong
/// password all answer 403, so a scanner cannot tell which extensions exist. The challenge offers the algorithms
/// of the extension's digest policy (<see cref="DigestPolicy"/>: MD5 only unless the tenant or extension opts in).
/// A name the tenant does not have (<see cref="KnownExtensions"/>) is challenged with the tenant's policy and refused
/// without any extension grain being asked. Every refusal counts against the source address
/// (<see cref="SourceBanReporter"/>); the extension's own lock counts per (extension, source address).
/// </summary>
public sealed class DigestGate(
    DigestAuthenticator authenticator,
    DigestPolicyCache policies,
    KnownExtensions known,
    SourceBanReporter bans,
    IGrainFactory grains,
    ClusterGuard guard,
    SipResponder responder,
    EdgeMetrics metrics,
    ILogger<DigestGate> logger)
{
    /// <summary>
    /// Authenticates <paramref name="inbound"/>'s request as an extension of <paramref name="tenantId"/>
    /// whose SIP domain (the realm) is <paramref name="realm"/>. <paramref name="user"/> is the identity the
    /// request claims (To user for REGISTER, From user otherwise); the digest username must match it.
    /// </summary>
    public async Task<AuthOutcome> AuthenticateAsync(InboundRequest inbound, string tenantId, string realm, string user, CancellationToken cancellationToken)
    {
        var request = inbound.Request;
        var proxy = request.Method != SipMethod.Register;
        var values = proxy ? request.ProxyAuthorization : request.Authorization;
        var presented = values.FirstOrDefault(v => v.StartsWith("Digest", StringComparison.OrdinalIgnoreCase));
        var key = ExtensionKeys.For(tenantId, user);
        var exists = await known.ContainsAsync(key, cancellationToken);
        var extension = grains.Grain<IExtensionGrain>(key);
        if (presented is null)
        {
            await ChallengeAsync(inbound, exists ? key : null, tenantId, extension, realm, proxy, stale: false, cancellationToken);
            return AuthOutcome.Answered;
        }

        if (!DigestCredentials.TryParse(presented, out var credentials, out _))
        {
            return await RejectAsync(inbound, tenantId, user, realm, "malformed", report: false, cancellationToken);
        }

        var username = credentials.GetUsername();
        if (!string.Equals(username, user, StringComparison.Ordinal))
        {
            return await RejectAsync(inbound, tenantId, user, realm, "username mismatch", report: false, cancellationToken);
        }

        if (!exists)
        {
            return await RejectAsync(inbound, tenantId, user, realm, nameof(AuthenticationStatus.Unknown), report: false, cancellationToken);
        }

        var algorithm = DigestAlgorithms.ToGrain(credentials.Algorithm);
        var sourceAddress = inbound.Source.Remote.Address.ToString();
        var stored = await guard.IdempotentAsync(_ => extension.GetAuthentication(algorithm, sourceAddress), cancellationToken);
        if (stored.Status != AuthenticationStatus.Ready || stored.Ha1 is null)
        {
            return await RejectAsync(inbound, tenantId, user, realm, stored.Status.ToString(), report: false, cancellationToken);
        }

        var outcome = authenticator.Verify(credentials, request, inbound.Source.Local, stored.Ha1, stored.Realm);
        switch (outcome)
        {
            case DigestVerifyOutcome.Ok:
                return new AuthOutcome(true, user);
            case DigestVerifyOutcome.UriMismatch:
                // Credentials made for another target, perhaps captured: refused as a bad request, no lockout count.
                metrics.AuthFailure("uri_mismatch");
                EdgeLog.AuthFailed(logger, user, stored.Realm, inbound.Source.Remote.ToString(), "digest uri is not the Request-URI", request.CallId);
                await responder.RespondAsync(inbound, 400, "Digest URI Mismatch");
                return AuthOutcome.Answered;
            case DigestVerifyOutcome.Stale or DigestVerifyOutcome.Replay or DigestVerifyOutcome.InvalidNonce:
                // A nonce from before a restart, another realm or replayed: ask again without blaming the user (RFC 7616 §3.3).
                await ChallengeAsync(inbound, key, tenantId, extension, stored.Realm, proxy, stale: outcome != DigestVerifyOutcome.InvalidNonce, cancellationToken);
                return AuthOutcome.Answered;
            default:
                return await RejectAsync(inbound, tenantId, user, stored.Realm, outcome.ToString(), report: outcome == DigestVerifyOutcome.BadResponse, cancellationToken);
        }
    }

    /// <summary>
    /// Refuses a request whose identity cannot even be looked up (a SIP domain no tenant has) with 403, counted
    /// against its source like a wrong password: scanners probe domains as well as user names.
    /// </summary>
    public async Task RefuseAsync(InboundRequest inbound, string reason)
    {
        metrics.AuthFailure("rejected");
        await bans.ReportAsync(inbound.Source.Remote.Address, reason);
        await responder.RespondAsync(inbound, 403);
    }

    /// <param name="key">The extension's key, or null for a name the tenant does not have: then the tenant's policy applies.</param>
    private async Task ChallengeAsync(
        InboundRequest inbound, string? key, string tenantId, IExtensionGrain extension, string realm, bool proxy, bool stale, CancellationToken cancellationToken)
    {
        // Only the policy's algorithms: a phone that cannot compute one challenge of several may give up on all. An
        // unknown name gets its tenant's, as the extension grain would answer, so the challenge gives nothing away.
        var algorithms = key is null
            ? await policies.GetAsync("tenant:" + tenantId, () => guard.IdempotentAsync(_ => grains.Grain<ITenantGrain>(tenantId).GetDigestAlgorithms(), cancellationToken))
            : await policies.GetAsync(key, () => guard.IdempotentAsync(_ => extension.GetDigestAlgorithms(), cancellationToken));
        var challenges = authenticator.CreateChallenges(realm, DigestAlgorithms.ToSip(algorithms), stale);

        await responder.RespondAsync(inbound, proxy ? 407 : 401, null, b =>
        {
            foreach (var challenge in challenges)
            {
                b.AddHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate", challenge);
            }
        });
    }

    private async Task<AuthOutcome> RejectAsync(InboundRequest inbound, string tenantId, string user, string realm, string reason, bool report, CancellationToken cancellationToken)
    {
        metrics.AuthFailure(report ? "bad_response" : "rejected");
        EdgeLog.AuthFailed(logger, user, realm, inbound.Source.Remote.ToString(), reason, inbound.Request.CallId);
        await bans.ReportAsync(inbound.Source.Remote.Address, reason);
        if (report)
        {
            // Counting failures is what locks out a brute-force attempt; a lost count is not worth failing the answer for.
            try
            {
                var extension = grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, user));
                await guard.OnceAsync(_ => extension.ReportAuthFailure(TransportMapping.ToAddress(inbound.Source)), cancellationToken);
            }
            catch (ClusterUnavailableException)
            {
            }
        }

        await responder.RespondAsync(inbound, 403);
        return AuthOutcome.Answered;
    }
}
