using Microsoft.Extensions.Logging;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Emergency;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Calls;

/// <summary>Routing an INVITE: classify it (on-net, outbound, inbound) and pick targets from the tenant, its DIDs,
/// extensions and trunks. Reads other grains only; the machine decides what the route means for the call.</summary>
public sealed partial class CallGrain
{
    private async Task<CallRoute> Route(CallStart start)
    {
        var origin = start.Origin;
        var dialled = start.DialledNumber;
        var tenant = await GrainFactory.Grain<ITenantGrain>(origin.TenantId).GetSnapshot();
        var inbound = origin.Kind == CallOriginKind.Trunk;
        var direction = inbound ? CallDirection.Inbound : CallDirection.OnNet;
        if (tenant is null)
        {
            return CallRoute.Reject(404, direction, null, dialled);
        }

        // Before every other check: a suspended tenant, a locked account or blocked outbound calling must not stop it.
        if (!inbound && (tenant.Emergency ?? EmergencyPolicy.Default).IsEmergencyNumber(dialled))
        {
            return await ToEmergency(tenant, origin, dialled);
        }

        var settings = tenant.Settings;
        if (settings.Status != TenantStatus.Active)
        {
            return CallRoute.Reject(403, direction, settings.AccountId, dialled, refused: true, reason: "Tenant Suspended");
        }

        var digits = NumberRewriter.ToBillingDestination(dialled);
        if (inbound)
        {
            if (!tenant.Trunks.Any(t => t.TrunkId == origin.TrunkId && t.Enabled))
            {
                return CallRoute.Reject(403, direction, settings.AccountId, dialled, refused: true, reason: "Unknown Trunk");
            }

            // Inbound calls are paid by the tenant (DID minutes), whichever extension they ring.
            var did = tenant.Dids.FirstOrDefault(d => d.Number == digits);
            return did is null
                ? CallRoute.Reject(404, direction, settings.AccountId, digits)
                : await ToExtension(tenant, did.Extension, direction, settings.AccountId, digits);
        }

        var caller = origin.Extension is null
            ? null
            : await GrainFactory.Grain<IExtensionGrain>(ExtensionKeys.For(tenant.TenantId, origin.Extension)).GetSnapshot();
        if (caller is null || !caller.Settings.Enabled)
        {
            return CallRoute.Reject(403, direction, settings.AccountId, dialled, refused: true, reason: "Caller Not Allowed");
        }

        var account = caller.Settings.AccountId ?? settings.AccountId;
        if (await ListedExtension(tenant.TenantId, dialled) is { } callee)
        {
            return await ToExtension(tenant, callee.Grain, callee.Snapshot, dialled, CallDirection.OnNet, account, dialled);
        }

        if (tenant.Dids.FirstOrDefault(d => d.Number == digits) is { } ownDid)
        {
            // Dialling one of the tenant's own numbers stays on-net instead of hairpinning through a carrier.
            return await ToExtension(tenant, ownDid.Extension, CallDirection.OnNet, account, ownDid.Extension);
        }

        if (!settings.Policies.OutboundAllowed)
        {
            return CallRoute.Reject(403, CallDirection.Outbound, account, digits, refused: true, reason: "Outbound Calls Not Allowed");
        }

        return ToTrunks(tenant, digits, account);
    }

    /// <summary>An outside number through the tenant's trunks, paid by <paramref name="account"/>.</summary>
    private static CallRoute ToTrunks(TenantSnapshot tenant, string digits, string account)
    {
        var targets = digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? TargetPlanner.ForTrunks(tenant.Trunks, digits)
            : [];
        if (targets.Count == 0)
        {
            return CallRoute.Reject(404, CallDirection.Outbound, account, digits, reason: "No Route");
        }

        var plans = tenant.Trunks
            .Where(t => t.CarrierCostPlanId is not null)
            .ToDictionary(t => t.TrunkId, t => t.CarrierCostPlanId!);
        var policies = tenant.Settings.Policies;
        return new CallRoute(
            0, string.Empty, false, CallDirection.Outbound, ForkStrategy.Sequential, targets, account, digits, digits,
            targets[0].TrunkId, policies.RingTimeout, policies.MaxCallDuration, plans);
    }

    /// <summary>
    /// The dialled number's extension, if the tenant has one by that number. The tenant's index is asked first: an
    /// extension grain asked about an outside number would be activated for it (and its state read from the database)
    /// once per distinct number dialled, and stay in memory until idle collection, the way a wholesale customer dials.
    /// </summary>
    private async Task<(IExtensionGrain Grain, ExtensionSnapshot Snapshot)?> ListedExtension(string tenantId, string dialled)
    {
        if (!await GrainFactory.Grain<IExtensionIndexGrain>(tenantId).Contains(dialled))
        {
            return null;
        }

        // Listed but never saved (a provision that failed half-way) is no extension (IExtensionIndexGrain).
        var extension = GrainFactory.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, dialled));
        return await extension.GetSnapshot() is { } snapshot ? (extension, snapshot) : null;
    }

    private async Task<CallRoute> ToExtension(
        TenantSnapshot tenant, string number, CallDirection direction, string account, string callee)
    {
        var extension = GrainFactory.Grain<IExtensionGrain>(ExtensionKeys.For(tenant.TenantId, number));
        return await ToExtension(tenant, extension, await extension.GetSnapshot(), number, direction, account, callee);
    }

    /// <summary>
    /// The extension's phones, or where its forwarding sends the call instead (unconditional; no-answer when no phone
    /// is registered). <paramref name="chain"/>: the extensions routed to so far, this one last (loop detection).
    /// </summary>
    private async Task<CallRoute> ToExtension(
        TenantSnapshot tenant, IExtensionGrain extension, ExtensionSnapshot? snapshot, string number, CallDirection direction, string account,
        string callee, IReadOnlyList<string>? chain = null)
    {
        if (snapshot is null)
        {
            return CallRoute.Reject(404, direction, account, callee);
        }

        chain ??= [number];
        var forwarding = snapshot.Settings.Enabled && snapshot.Settings.Forwarding is { IsEmpty: false } set ? set : null;
        if (forwarding?.Always is { } always)
        {
            return await Forwarded(tenant, number, snapshot, always, direction, account, chain, "unconditional");
        }

        var bindings = snapshot.Settings.Enabled ? await extension.GetBindings() : [];
        if (bindings.Count == 0)
        {
            // Known but not reachable now: 480 (RFC 3261 §21.4.18), unless its calls go elsewhere then.
            return forwarding?.OnNoAnswer is { } away
                ? await Forwarded(tenant, number, snapshot, away, direction, account, chain, "unavailable")
                : CallRoute.Reject(480, direction, account, callee);
        }

        var policies = tenant.Settings.Policies;
        return new CallRoute(
            0, string.Empty, false, direction, ForkStrategy.Parallel, TargetPlanner.ForBindings(bindings, number),
            account, callee, callee, null, policies.RingTimeout, policies.MaxCallDuration,
            new Dictionary<string, string>())
        {
            Forward = forwarding is { OnBusy: not null } or { OnNoAnswer: not null } ? new PendingForward(number, forwarding, chain) : null,
        };
    }
}
