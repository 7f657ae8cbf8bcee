using Microsoft.Extensions.Logging;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The call state machine as plain code: each public method is one event (an INVITE routed, a leg's response, a
/// hang-up, a deadline, a billing answer) that moves <see cref="Call"/> forward and appends the side effects it
/// decided on to <see cref="Commands"/>. It never reads a clock (every event carries its time), never awaits and
/// knows nothing of Orleans; <see cref="CallGrain"/> feeds it, carries out the commands, feeds back their results
/// and arms one timer at <see cref="NextDeadline"/>. Split by aspect: set-up (here), legs, ending, deadlines.
/// </summary>
public sealed partial class CallStateMachine
{
    /// <summary>A start that never reached a decision (crash mid-INVITE) is closed after this.</summary>
    public static readonly TimeSpan StuckStartLimit = TimeSpan.FromMinutes(1);

    /// <summary>How long a settled call stays readable (late retransmissions, GetSnapshot) before it deactivates.</summary>
    public static readonly TimeSpan SettledLinger = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ExtensionRetry = TimeSpan.FromSeconds(1);

    private readonly CallControlOptions _options;
    private readonly ILogger _logger;

    /// <summary>Reused for every event: commands are structs, so deciding allocates nothing per command.</summary>
    private readonly List<CallCommand> _commands = new(4);

    public CallStateMachine(string callId, CallControlOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        Call = new CallRecord { CallId = callId };
    }

    public CallRecord Call { get; }

    public CallState State => Call.State;

    /// <summary>
    /// The commands decided since the grain last cleared them, in order. The grain runs them by index: feeding back
    /// a command's result may append more, which run in the same pass.
    /// </summary>
    public List<CallCommand> Commands => _commands;

    public void ClearCommands() => _commands.Clear();

    /// <summary>The INVITE arrived: record who calls whom. Routing and authorisation results follow as events.</summary>
    public void InviteReceived(CallStart start, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(start);
        Call.StartedAt = now;
        Call.Origin = start.Origin;
        Call.TenantId = start.Origin.TenantId;
        Call.Dialled = start.DialledNumber;
        Call.Callee = start.DialledNumber;
        Call.CallerLeg = start.CallerLeg with { Role = LegRole.Caller };
        Call.TrunkId = start.Origin.Kind == CallOriginKind.Trunk ? start.Origin.TrunkId : null;
    }

    /// <summary>Routing chose targets or refused. Null: ask the paying account (<see cref="CreditAuthorized"/>); else the rejection.</summary>
    public CallDecision? InviteRouted(CallRoute route, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(route);
        Call.Direction = route.Direction;
        Call.AccountId = route.AccountId;
        Call.Callee = route.Callee;
        Call.TrunkId = route.TrunkId ?? Call.TrunkId;
        Call.RingTimeout = route.RingTimeout;
        Call.MaxDuration = route.MaxCallDuration;
        Call.PolicyMaxDuration = route.MaxCallDuration;
        Call.CarrierPlans = new Dictionary<string, string>(route.CarrierPlans);
        Call.ForwardedFrom = route.ForwardedFrom;
        ArmForward(route.Forward, now);
        if (route.Status == 0)
        {
            return null;
        }

        var disposition = route.Refused ? CallDisposition.Refused : DispositionMap.FromFinalStatus(route.Status);
        return InviteRejected(route.Status, route.Reason, disposition, now);
    }

    /// <summary>The account answered the authorisation: reserve and hand the targets out, or refuse the caller.</summary>
    public CallDecision CreditAuthorized(CallRoute route, CallAuthorization authorization, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(authorization);
        if (!authorization.Allowed)
        {
            return InviteRejected(authorization.SipStatus, authorization.Reason, CallDisposition.Refused, now);
        }

        // An emergency call whose account did not answer goes on unreserved: no lease, nothing to extend.
        Call.Reserved = authorization.ReservedUntil > TimeSpan.Zero;
        Call.Rate = authorization.Rate;
        Call.ReservedAmount = authorization.ReservedAmount;
        Call.ReservedUntil = authorization.ReservedUntil;
        LimitByBalance(authorization.MaxDuration);

        var relayMedia = false;
        foreach (var target in route.Targets)
        {
            relayMedia |= target.RelayMedia;
        }

        var decision = new CallDecision(
            true, 100, "Trying", route.Direction, route.Strategy, route.Targets, route.RingTimeout, relayMedia);
        Call.Decision = decision;
        Call.State = CallState.Routing;
        Call.NextTargetIndex = route.Strategy == ForkStrategy.Sequential ? 1 : route.Targets.Count;
        // Listed by the silo's next lease renewal pass; only the answer is reported at once.
        PublishLease();
        LogStarted(_logger, Call.CallId, route.Direction.ToString(), route.Targets.Count);
        return decision;
    }

    /// <summary>The INVITE is refused before any callee leg (Call-ID clash, routing, billing): the call ends at once.</summary>
    public CallDecision InviteRejected(int status, string reason, CallDisposition disposition, DateTimeOffset now)
    {
        var decision = CallDecision.Reject(status, reason, Call.Direction);
        Call.Decision = decision;
        Finish(status, reason, disposition, now);
        LogRejected(_logger, Call.CallId, status, reason);
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

    /// <summary>Only calls holding a reservation have a lease to publish.</summary>
    private void PublishLease()
    {
        if (Call.AccountId is not null && Call.Reserved && !Call.Settled)
        {
            _commands.Add(new CallCommand(CallCommandKind.PublishLease));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} started: {Direction}, {Targets} targets")]
    private static partial void LogStarted(ILogger logger, string callId, string direction, int targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} rejected: {Status} {Reason}")]
    private static partial void LogRejected(ILogger logger, string callId, int status, string reason);
}
