using Microsoft.Extensions.Logging;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Call forwarding (docs/call-control.md, call forwarding): routing a forwarded call, and moving a ringing call on to
/// its callee's busy or no-answer target when the machine says so. A target that is an extension keeps who pays; an
/// outside number is paid by the forwarding extension's account, which authorises it under its own limits.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>More forwards than this in one call is a loop in all but name.</summary>
    private const int MaxForwardHops = 5;

    /// <summary>
    /// Routes the call on from <paramref name="forwarder"/> to <paramref name="target"/>, as that extension would dial it.
    /// <paramref name="reason"/> is the Diversion reason (RFC 5806 §2) the carrier sees when the target is an outside number.
    /// </summary>
    private async Task<CallRoute> Forwarded(
        TenantSnapshot tenant, string forwarder, ExtensionSnapshot forwarderSnapshot, string target, CallDirection direction, string account,
        IReadOnlyList<string> chain, string reason)
    {
        if (chain.Contains(target) || chain.Count > MaxForwardHops)
        {
            LogForwardLoop(logger, CallId, chain.Count);
            return CallRoute.Reject(482, direction, account, target, reason: "Loop Detected");
        }

        if (await ListedExtension(tenant.TenantId, target) is { } next)
        {
            var route = await ToExtension(tenant, next.Grain, next.Snapshot, target, direction, account, target, [.. chain, target]);
            return route with { ForwardedFrom = route.ForwardedFrom ?? forwarder };
        }

        var payer = forwarderSnapshot.Settings.AccountId ?? tenant.Settings.AccountId;
        var digits = NumberRewriter.ToBillingDestination(target);
        var outside = tenant.Settings.Policies.OutboundAllowed
            ? ToTrunks(tenant, digits, payer)
            : CallRoute.Reject(403, CallDirection.Outbound, payer, digits, refused: true, reason: "Outbound Calls Not Allowed");
        var diversion = new LegHeader[] { Diversion(tenant, forwarder, reason, chain.Count) };
        return outside with
        {
            ForwardedFrom = forwarder,
            Targets = [.. outside.Targets.Select(t => t with { Headers = diversion })],
        };
    }

    /// <summary>
    /// Who diverted the call, for the carrier (RFC 5806): carriers check that a call's From belongs to the customer
    /// sending it, and a forwarded call's From is the original caller's; the Diversion header names the customer's
    /// number that diverted it, the forwarding extension's DID (else its extension number), in the tenant's domain.
    /// <paramref name="counter"/>: how many times the call was diverted, this time included.
    /// </summary>
    private static LegHeader Diversion(TenantSnapshot tenant, string forwarder, string reason, int counter)
    {
        var number = tenant.Dids.FirstOrDefault(d => d.Extension == forwarder)?.Number is { } did ? "+" + did : forwarder;
        return new LegHeader("Diversion", $"<sip:{number}@{tenant.Settings.SipDomain};user=phone>;reason={reason};counter={counter}");
    }

    /// <summary>The RFC 5806 §2 reason for a forwarding.</summary>
    private static string DiversionReason(ForwardKind kind) => kind == ForwardKind.Busy ? "user-busy" : "no-answer";

    /// <summary>
    /// The machine decided to forward (busy, or no answer): route the target now and, when the call moves to an
    /// outside number, move its reservation to the paying account. Any refusal leaves the caller with the callee's
    /// own status.
    /// </summary>
    private async Task<LegVerdict> ForwardAsync()
    {
        var call = Machine.Call;
        var kind = call.ForwardDue!.Value;
        var pending = call.Forward!;
        var target = pending.TargetFor(kind)!;
        var tenant = await GrainFactory.Grain<ITenantGrain>(call.TenantId).GetSnapshot();
        var forwarder = await GrainFactory.Grain<IExtensionGrain>(ExtensionKeys.For(call.TenantId, pending.Extension)).GetSnapshot();
        if (tenant is null || forwarder is null)
        {
            return Machine.ForwardFailed(Now);
        }

        var route = await Forwarded(
            tenant, pending.Extension, forwarder, target, call.Direction, call.AccountId!, pending.Chain, DiversionReason(kind));
        if (route.Status != 0)
        {
            LogForwardRefused(logger, CallId, kind.ToString(), route.Status, route.Reason);
            return Machine.ForwardFailed(Now);
        }

        CallAuthorization? authorization = null;
        if (route.Direction != call.Direction || route.AccountId != call.AccountId)
        {
            try
            {
                // Released first: the same account may pay again, now for a rated call under the same call id.
                if (call.Reserved)
                {
                    await accounting.Release(call.AccountId!, CallId);
                    Machine.ReservationReleased();
                }

                authorization = await accounting.Authorize(route.AccountId!, new CallAuthorizationRequest(
                    CallId, call.Origin!.CallerNumber, route.BillingDestination, route.Direction, call.StartedAt));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogBillingUnavailable(logger, CallId, ex);
                return Machine.ForwardFailed(Now);
            }

            if (!authorization.Allowed)
            {
                LogForwardRefused(logger, CallId, kind.ToString(), authorization.SipStatus, authorization.Reason);
                return Machine.ForwardFailed(Now);
            }
        }

        return Machine.Forwarded(route, authorization, Now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: forwarding loop after {Hops} extensions; not forwarded")]
    private static partial void LogForwardLoop(ILogger logger, string callId, int hops);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: {Kind} forwarding refused ({Status} {Reason}); the caller gets the callee's status")]
    private static partial void LogForwardRefused(ILogger logger, string callId, string kind, int status, string reason);
}
