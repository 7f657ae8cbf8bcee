using Microsoft.Extensions.Logging;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Calls;

/// <summary>Start: classify the INVITE (on-net, outbound, inbound), pick targets, authorise with the paying account.</summary>
public sealed partial class CallGrain
{
    public async Task<CallDecision> Start(CallStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (Call.Decision is { } earlier)
        {
            // A retried Start after an unknown outcome gets the same answer.
            return earlier;
        }

        if (!CallId.StartsWith("call-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Call key '{CallId}' must come from CallKeys.NewCallId().");
        }

        Call.StartedAt = Now;
        metrics.CallStarted();
        Call.Origin = start.Origin;
        Call.TenantId = start.Origin.TenantId;
        Call.Dialled = start.DialledNumber;
        Call.Callee = start.DialledNumber;
        Call.CallerLeg = start.CallerLeg with { Role = LegRole.Caller };
        Call.TrunkId = start.Origin.Kind == CallOriginKind.Trunk ? start.Origin.TrunkId : null;

        if (!await Index(start.CallerLeg.LegCallId))
        {
            return await Reject(500, "Call-ID already in use", CallDisposition.Failed);
        }

        var route = await Route(start);
        Call.Direction = route.Direction;
        Call.AccountId = route.AccountId;
        Call.Callee = route.Callee;
        Call.TrunkId = route.TrunkId ?? Call.TrunkId;
        Call.RingTimeout = route.RingTimeout;
        Call.MaxDuration = route.MaxCallDuration;
        Call.PolicyMaxDuration = route.MaxCallDuration;
        Call.CarrierPlans = new Dictionary<string, string>(route.CarrierPlans);
        if (route.Status != 0)
        {
            var disposition = route.Refused ? CallDisposition.Refused : DispositionMap.FromFinalStatus(route.Status);
            return await Reject(route.Status, route.Reason, disposition);
        }

        CallAuthorization authorization;
        try
        {
            authorization = await accounting.Authorize(route.AccountId!, new CallAuthorizationRequest(
                CallId, start.Origin.CallerNumber, route.BillingDestination, route.Direction, Call.StartedAt));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogBillingUnavailable(logger, CallId, ex);
            return await Reject(503, "Billing Unavailable", CallDisposition.Failed);
        }

        if (!authorization.Allowed)
        {
            return await Reject(authorization.SipStatus, authorization.Reason, CallDisposition.Refused);
        }

        Call.Reserved = true;
        Call.Rate = authorization.Rate;
        Call.ReservedAmount = authorization.ReservedAmount;
        Call.ReservedUntil = authorization.ReservedUntil;
        LimitByBalance(authorization.MaxDuration);

        var decision = new CallDecision(
            true, 100, "Trying", route.Direction, route.Strategy, route.Targets, route.RingTimeout,
            route.Targets.Any(t => t.RelayMedia));
        Call.Decision = decision;
        Call.State = CallState.Routing;
        Call.NextTargetIndex = route.Strategy == ForkStrategy.Sequential ? 1 : route.Targets.Count;
        // Listed by the silo's next lease renewal pass; only the answer is reported at once.
        PublishLease();
        ArmDeadline();
        LogStarted(logger, CallId, route.Direction.ToString(), route.Targets.Count);
        return decision;
    }

    /// <summary>The balance may allow less than the tenant's cap; a zero means the account set no limit of its own.</summary>
    private void LimitByBalance(TimeSpan balanceLimit)
    {
        Call.MaxDuration = Call.PolicyMaxDuration;
        Call.CappedByBalance = false;
        if (balanceLimit > TimeSpan.Zero && balanceLimit < Call.PolicyMaxDuration)
        {
            Call.MaxDuration = balanceLimit;
            Call.CappedByBalance = true;
        }
    }

    private async Task<CallDecision> Reject(int status, string reason, CallDisposition disposition)
    {
        var decision = CallDecision.Reject(status, reason, Call.Direction);
        Call.Decision = decision;
        await Finish(status, reason, disposition);
        LogRejected(logger, CallId, status, reason);
        return decision;
    }

    private async Task<CallRoute> Route(CallStart start)
    {
        var origin = start.Origin;
        var dialled = start.DialledNumber;
        var tenant = await GrainFactory.GetGrain<ITenantGrain>(origin.TenantId).GetSnapshot();
        var inbound = origin.Kind == CallOriginKind.Trunk;
        var direction = inbound ? CallDirection.Inbound : CallDirection.OnNet;
        if (tenant is null)
        {
            return CallRoute.Reject(404, direction, null, dialled);
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
            : await GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For(tenant.TenantId, origin.Extension)).GetSnapshot();
        if (caller is null || !caller.Settings.Enabled)
        {
            return CallRoute.Reject(403, direction, settings.AccountId, dialled, refused: true, reason: "Caller Not Allowed");
        }

        var account = caller.Settings.AccountId ?? settings.AccountId;
        if (await GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For(tenant.TenantId, dialled)).GetSnapshot() is not null)
        {
            return await ToExtension(tenant, dialled, CallDirection.OnNet, account, dialled);
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
        return new CallRoute(
            0, string.Empty, false, CallDirection.Outbound, ForkStrategy.Sequential, targets, account, digits, digits,
            targets[0].TrunkId, settings.Policies.RingTimeout, settings.Policies.MaxCallDuration, plans);
    }

    private async Task<CallRoute> ToExtension(
        TenantSnapshot tenant, string number, CallDirection direction, string account, string callee)
    {
        var extension = GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For(tenant.TenantId, number));
        var snapshot = await extension.GetSnapshot();
        if (snapshot is null)
        {
            return CallRoute.Reject(404, direction, account, callee);
        }

        var bindings = snapshot.Settings.Enabled ? await extension.GetBindings() : [];
        if (bindings.Count == 0)
        {
            // Known but not reachable now: 480 (RFC 3261 §21.4.18).
            return CallRoute.Reject(480, direction, account, callee);
        }

        var policies = tenant.Settings.Policies;
        return new CallRoute(
            0, string.Empty, false, direction, ForkStrategy.Parallel, TargetPlanner.ForBindings(bindings, number),
            account, callee, callee, null, policies.RingTimeout, policies.MaxCallDuration,
            new Dictionary<string, string>());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} started: {Direction}, {Targets} targets")]
    private static partial void LogStarted(ILogger logger, string callId, string direction, int targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} rejected: {Status} {Reason}")]
    private static partial void LogRejected(ILogger logger, string callId, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: billing unavailable")]
    private static partial void LogBillingUnavailable(ILogger logger, string callId, Exception exception);
}
