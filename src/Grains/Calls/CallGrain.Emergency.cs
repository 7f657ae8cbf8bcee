using Microsoft.Extensions.Logging;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Emergency;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Emergency calls (docs/call-control.md, emergency calls): an extension that dials one of its tenant's emergency
/// numbers is routed to the emergency trunk whatever its tenant, account or fraud counters say, is never billed, and
/// pages the operator.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>
    /// How long an emergency call waits for its account to take a (free) reservation. The account answers from memory;
    /// a slow one must not hold up the call, which then goes on without a lease.
    /// </summary>
    private static readonly TimeSpan EmergencyAuthorizationLimit = TimeSpan.FromSeconds(2);

    /// <summary>An emergency call is not cut for ringing long: the caller decides when to give up.</summary>
    private static readonly TimeSpan EmergencyRingTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Whom to reach and what to tell them: the callback number (the extension's DID, else the tenant's) and the location.</summary>
    private async Task<CallRoute> ToEmergency(TenantSnapshot tenant, CallOrigin origin, string dialled)
    {
        var policy = tenant.Emergency ?? EmergencyPolicy.Default;
        var caller = origin.Extension is null
            ? null
            : await GrainFactory.Grain<IExtensionGrain>(ExtensionKeys.For(tenant.TenantId, origin.Extension)).GetSnapshot();
        var account = caller?.Settings.AccountId ?? tenant.Settings.AccountId;
        var callback = tenant.Dids.FirstOrDefault(d => d.Extension == origin.Extension)?.Number ?? policy.CallbackNumber;
        var location = caller?.Settings.EmergencyLocation ?? policy.Location;
        var targets = TargetPlanner.ForEmergency(tenant.Trunks, policy.TrunkId, dialled, callback, EmergencyHeaders(callback, location));
        if (targets.Count == 0)
        {
            return CallRoute.Reject(503, CallDirection.Emergency, account, dialled, reason: "No Emergency Route");
        }

        return new CallRoute(
            0, string.Empty, false, CallDirection.Emergency, ForkStrategy.Sequential, targets, account, dialled, dialled,
            targets[0].TrunkId, EmergencyRingTimeout, TimeSpan.Zero, new Dictionary<string, string>());
    }

    /// <summary>
    /// <c>Priority: emergency</c> (RFC 3261 §20.26); the callback number as <c>P-Asserted-Identity</c> (RFC 3325), which
    /// carriers take from a trusted peer; the location by reference (RFC 6442 §4.1, §4.2: routing on it is allowed).
    /// </summary>
    private static IReadOnlyList<LegHeader> EmergencyHeaders(string? callback, string? location)
    {
        var headers = new List<LegHeader>(4) { new("Priority", "emergency") };
        if (callback is not null)
        {
            headers.Add(new LegHeader("P-Asserted-Identity", $"<tel:+{callback}>"));
        }

        if (location is not null)
        {
            headers.Add(new LegHeader("Geolocation", $"<{location}>"));
            headers.Add(new LegHeader("Geolocation-Routing", "yes"));
        }

        return headers;
    }

    /// <summary>Routes, pages the operator, takes a free reservation if the account answers in time, and connects.</summary>
    private async Task<CallDecision> DecideEmergency(CallStart start, CallRoute route)
    {
        var routed = route.Status == 0;
        metrics.EmergencyCall(routed);
        LogEmergencyCall(logger, CallId, start.Origin.TenantId, start.DialledNumber, routed ? route.TrunkId! : "none", route.Targets.Count);
        if (Machine.InviteRouted(route, Now) is { } rejected)
        {
            return rejected;
        }

        CallAuthorization authorization;
        try
        {
            authorization = await accounting.Authorize(route.AccountId!, new CallAuthorizationRequest(
                    CallId, start.Origin.CallerNumber, route.BillingDestination, CallDirection.Emergency, Machine.Call.StartedAt))
                .WaitAsync(EmergencyAuthorizationLimit);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogEmergencyWithoutLease(logger, CallId, ex);
            authorization = Unbilled;
        }

        return Machine.CreditAuthorized(route, authorization.Allowed ? authorization : Unbilled, Now);
    }

    /// <summary>Allowed without a reservation: the call goes on; its CDR is still settled (at no charge) when it ends.</summary>
    private static CallAuthorization Unbilled { get; } = new(true, 200, "OK", null, 0m, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>
    /// The operator's page in the log. The caller is not named (docs/privacy.md, logs): the call id finds it in the active
    /// calls and the CDR. The dialled number is a public service number, not a subscriber's.
    /// </summary>
    [LoggerMessage(EventId = 1400, Level = LogLevel.Critical,
        Message = "EMERGENCY call {CallId} from tenant {TenantId} to {Dialled}: first trunk {TrunkId} ({Targets} trunks to try)")]
    private static partial void LogEmergencyCall(ILogger logger, string callId, string tenantId, string dialled, string trunkId, int targets);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error,
        Message = "Emergency call {CallId}: its account did not answer; the call goes on without a lease")]
    private static partial void LogEmergencyWithoutLease(ILogger logger, string callId, Exception exception);
}
