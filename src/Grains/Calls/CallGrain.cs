using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Calls;

/// <summary>
/// One call; see <see cref="ICallGrain"/> and docs/call-control.md. The decisions are the
/// <see cref="CallStateMachine"/>'s: each method here gathers what the event needs from other grains (routing,
/// authorisation), feeds the event in, carries out the commands that come out (CallGrain.Commands.cs)
/// and arms the call's one timer at the machine's next deadline.
/// </summary>
public sealed partial class CallGrain(
    ICallAccounting accounting,
    LiveCallRegistry registry,
    ActiveCallsOutbox activeCalls,
    IOptions<CallControlOptions> options,
    TimeProvider time,
    SwitchboardMetrics metrics,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    /// <summary>Memory only: what outlives this silo is the lease the account holds (see <see cref="LiveCallRegistry"/>).</summary>
    private CallStateMachine? _machine;

    private CallStateMachine Machine => _machine ??= new CallStateMachine(CallId, options.Value, logger);

    private string? _callId;

    /// <summary>The call id, decoded from the grain key once (every turn of the call logs under it).</summary>
    public string CallId => _callId ??= this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<CallDecision> Start(CallStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (Machine.Call.Decision is { } earlier)
        {
            // A retried Start after an unknown outcome gets the same answer.
            return earlier;
        }

        if (!CallId.StartsWith(CallKeys.Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Call key '{CallId}' must come from CallKeys.NewCallId().");
        }

        Machine.InviteReceived(start, Now);
        metrics.CallStarted();
        var decision = await Decide(start);
        await Execute();
        return decision;
    }

    public Task<bool> LegStarted(LegStart leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (Machine.Call.FindCallee(leg.Dialog.LegCallId) is not null)
        {
            return Task.FromResult(true);
        }

        if (!Machine.CanStartLeg(leg))
        {
            return Task.FromResult(false);
        }

        Machine.LegStarted(leg);
        return Task.FromResult(true);
    }

    public async Task<LegVerdict> LegResponded(LegResponse response)
    {
        var verdict = Machine.LegResponded(response, Now);
        if (Machine.Call.ForwardDue is not null)
        {
            verdict = await ForwardAsync();
        }

        await Execute();
        return verdict;
    }

    public async Task Acknowledged(string legCallId)
    {
        ForgetIfNoCall();
        Machine.Acknowledged(legCallId);
        await Execute();
    }

    public Task<InDialogRoute> InDialog(InDialogRequest request)
    {
        ForgetIfNoCall();
        return Task.FromResult(Machine.InDialog(request));
    }

    public async Task<HangupVerdict> HangupReceived(LegHangup hangup)
    {
        ForgetIfNoCall();
        var decided = Machine.HangupReceived(hangup, Now);
        var forReporter = await Execute();
        return new HangupVerdict(Machine.State, decided.Count > 0 ? decided : forReporter);
    }

    public async Task LegEnded(string legCallId, string edgeId)
    {
        ForgetIfNoCall();
        Machine.LegEnded(legCallId, Now);
        await Execute();
    }

    public async Task<bool> HangUp(string reason)
    {
        var ending = Machine.HangUp(reason, Now);
        await Execute();
        return ending;
    }

    public async Task EdgeLost(string edgeId, DateTimeOffset lastSeen, string? survivor)
    {
        Machine.EdgeLost(edgeId, lastSeen, survivor, Now);
        await Execute();
    }

    public Task<CallSnapshot?> GetSnapshot() => Task.FromResult(Machine.Call.ToSnapshot());

    /// <summary>
    /// Edges find a call from the tag a request carries (docs/call-control.md, in-dialog requests), so a request with
    /// the tag of a call that has ended, or a made-up one, activates a grain that holds no call: it goes again at
    /// once instead of waiting for idle collection.
    /// </summary>
    private void ForgetIfNoCall()
    {
        if (Machine.Call.CallerLeg is null)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Route, authorise: each answer goes to the machine, which decides.</summary>
    private async Task<CallDecision> Decide(CallStart start)
    {
        var route = await Route(start);
        if (route.Direction == CallDirection.Emergency)
        {
            return await DecideEmergency(start, route);
        }

        if (Machine.InviteRouted(route, Now) is { } rejected)
        {
            return rejected;
        }

        CallAuthorization authorization;
        try
        {
            authorization = await accounting.Authorize(route.AccountId!, new CallAuthorizationRequest(
                CallId, start.Origin.CallerNumber, route.BillingDestination, route.Direction, Machine.Call.StartedAt));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogBillingUnavailable(logger, CallId, ex);
            return Machine.InviteRejected(503, "Billing Unavailable", CallDisposition.Failed, Now);
        }

        return Machine.CreditAuthorized(route, authorization, Now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: billing unavailable")]
    private static partial void LogBillingUnavailable(ILogger logger, string callId, Exception exception);
}
