using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>
/// Drives a <see cref="CallStateMachine"/> the way its grain does, without Orleans: events in with the fake clock's
/// time, commands out. Caller legs live on <see cref="CallerEdge"/>, callee legs on <see cref="CalleeEdge"/>.
/// </summary>
public sealed class CallMachineHarness
{
    public const string CallerEdge = "edge-a";
    public const string CalleeEdge = "edge-b";
    public const string CallerLegId = "caller-leg";

    public CallMachineHarness(ForkStrategy strategy = ForkStrategy.Sequential, int targets = 2)
    {
        Targets = Enumerable.Range(0, targets).Select(i => new CallTarget(
            i, TargetKind.Trunk, $"sip:+4930123@carrier{i}", "4930123", Address($"10.0.0.{i + 1}"), [], null,
            $"trunk-{i}", RelayMedia: true)).ToList();
        Strategy = strategy;
    }

    public static CallControlOptions Options { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public CallStateMachine Machine { get; } = new("call-test", Options, NullLogger.Instance);

    public CallRecord Call => Machine.Call;

    public IReadOnlyList<CallTarget> Targets { get; }

    public ForkStrategy Strategy { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static TransportAddress Address(string host) => new(SipTransport.Udp, host, 5060);

    /// <summary>INVITE routed to the targets and authorised for a first slice of <paramref name="reservedUntil"/>.</summary>
    public CallDecision Invite(
        TimeSpan? reservedUntil = null, TimeSpan? maxDuration = null, TimeSpan? balanceLimit = null, TimeSpan? ringTimeout = null)
    {
        Receive();
        var route = Route(ringTimeout, maxDuration);
        Assert.Null(Machine.InviteRouted(route, Now));
        var rate = new AppliedRate("49", "Germany", 0.06m, 0m, 60, 60, 0);
        var authorization = new CallAuthorization(
            true, 0, string.Empty, rate, 0.06m, reservedUntil ?? TimeSpan.FromSeconds(60), balanceLimit ?? TimeSpan.Zero);
        return Machine.CreditAuthorized(route, authorization, Now);
    }

    /// <summary>The INVITE from extension 1001 on <see cref="CallerEdge"/>, before routing.</summary>
    public void Receive()
    {
        var caller = new LegDialog(
            CallerLegId, LegRole.Caller, "ltag", "rtag", "sip:4930123@pbx", "sip:1001@pbx", 1, 1, "sip:1001@10.1.1.1",
            [], CallerEdge, Address("10.1.1.1"), "v=0 offer", null);
        var origin = new CallOrigin(CallOriginKind.Extension, "tenant-1", "1001", null, "1001", null);
        Machine.InviteReceived(new CallStart(origin, "4930123", "sip:4930123@pbx", caller), Now);
    }

    public CallRoute Route(TimeSpan? ringTimeout = null, TimeSpan? maxDuration = null) => new(
        0, string.Empty, false, CallDirection.Outbound, Strategy, Targets, "account-1", "4930123", "4930123",
        "trunk-0", ringTimeout ?? TimeSpan.FromSeconds(30), maxDuration ?? TimeSpan.FromHours(1),
        new Dictionary<string, string> { ["trunk-1"] = "carrier-plan-1" });

    public LegStart StartLeg(int target)
    {
        var leg = new LegStart(target, new LegDialog(
            $"callee-leg-{target}", LegRole.Callee, $"ctag{target}", null, "sip:1001@sb", Targets[target].RequestUri, 1, 0,
            Targets[target].RequestUri, [], CalleeEdge, Targets[target].Destination, null, "v=0 relay"));
        Assert.True(Machine.CanStartLeg(leg));
        Machine.LegStarted(leg);
        return leg;
    }

    public LegVerdict Respond(int target, int status, string? sdp = null) =>
        Machine.LegResponded(
            new LegResponse($"callee-leg-{target}", status, ReasonPhrases.For(status), $"remote{target}", null, null, sdp), Now);

    /// <summary>Leg 0 answers and the caller ACKs: an answered, confirmed call.</summary>
    public void Answer()
    {
        Invite();
        StartLeg(0);
        Respond(0, 180);
        Assert.Equal(LegAction.Connect, Respond(0, 200, "v=0 answer").Action);
        Machine.Acknowledged(CallerLegId);
        Drain();
    }

    public IReadOnlyList<LegTermination> Hangup(string legCallId, HangupKind kind, string edge) =>
        Machine.HangupReceived(new LegHangup(legCallId, kind, edge, "test"), Now);

    /// <summary>What the grain would carry out now; clears the buffer as the grain does.</summary>
    public List<CallCommand> Drain()
    {
        var commands = Machine.Commands.ToList();
        Machine.ClearCommands();
        return commands;
    }

    public List<CallCommandKind> DrainKinds() => Drain().Select(c => c.Kind).ToList();

    /// <summary>Moves the fake clock to the next deadline and reports it, as the grain's timer would.</summary>
    public DateTimeOffset FireNextDeadline()
    {
        var next = Machine.NextDeadline ?? throw new InvalidOperationException("No deadline is armed.");
        if (next > Now)
        {
            Clock.SetUtcNow(next);
        }

        Machine.DeadlineReached(Now);
        return next;
    }

    /// <summary>The single EndLegs command among <paramref name="commands"/>.</summary>
    public static CallCommand EndLegs(List<CallCommand> commands) =>
        Assert.Single(commands, c => c.Kind == CallCommandKind.EndLegs);
}
