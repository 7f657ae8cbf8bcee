using Switchboard.Edge.Auth;
using Switchboard.Edge.Registrar;
using Switchboard.Edge.Signalling;
using Switchboard.Grains.Calls;

namespace Switchboard.Edge.Calls;

/// <summary>Who is calling: a carrier is known by its source address; a phone proves who it is with digest (407, RFC 3261 §22.3).</summary>
public sealed class CallerIdentification(TenantResolver tenants, DigestGate gate)
{
    /// <summary>The call's origin, or null when the INVITE was answered here (403, or the digest challenge).</summary>
    public async Task<CallOrigin?> IdentifyAsync(InboundRequest inbound)
    {
        var request = inbound.Request;
        var from = request.From;
        var trunk = await tenants.ResolveTrunkAsync(inbound.Source.Remote.Address.ToString(), CancellationToken.None);
        if (trunk is not null)
        {
            return new CallOrigin(CallOriginKind.Trunk, trunk.TenantId, null, trunk.TrunkId, PartyStrings.Share(from.Uri.User ?? "anonymous"), PartyStrings.ShareOrNull(from.DisplayName));
        }

        var user = from.Uri.User;
        var tenantId = user is null ? null : await tenants.ResolveAsync(from.Uri.Host, CancellationToken.None);
        if (tenantId is null || user is null)
        {
            await gate.RefuseAsync(inbound, "unknown domain");
            return null;
        }

        var auth = await gate.AuthenticateAsync(inbound, tenantId, from.Uri.Host, user, CancellationToken.None);
        if (!auth.Authenticated)
        {
            return null;
        }

        user = PartyStrings.Share(user);
        return new CallOrigin(CallOriginKind.Extension, tenantId, user, null, user, PartyStrings.ShareOrNull(from.DisplayName));
    }
}
