using Switchboard.Edge.Auth;
using Switchboard.Edge.Cluster;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

/// <summary>A carrier challenged a trunk leg: the credentials header to answer with once (RFC 3261 §22.2).</summary>
public sealed class TrunkChallengeAnswerer(IGrainFactory grains, ClusterGuard guard)
{
    /// <summary>The header to add to the re-sent INVITE, or null when the challenge cannot be answered.</summary>
    public async Task<(string Name, string Value)?> AnswerAsync(CallSession session, CalleeLeg leg, SipResponse response)
    {
        leg.AuthAnswered = true;
        var tenant = grains.Grain<ITenantGrain>(session.TenantId);
        var credentials = await guard.IdempotentAsync(_ => tenant.GetTrunkCredentials(leg.Target.TrunkId!), CancellationToken.None);
        var proxy = response.StatusCode == 407;
        var challenges = proxy ? response.ProxyAuthenticate : response.WwwAuthenticate;
        if (credentials is null || challenges.Count == 0)
        {
            return null;
        }

        // The trunk's digest policy picks which of the carrier's challenges to answer.
        var answer = TrunkDigest.Answer(challenges, credentials, "INVITE", leg.Target.RequestUri);
        if (answer is null)
        {
            return null;
        }

        return (proxy ? "Proxy-Authorization" : "Authorization", answer);
    }
}
