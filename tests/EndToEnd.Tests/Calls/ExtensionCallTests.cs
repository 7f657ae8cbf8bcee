using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>Extension to extension through the co-hosted edge: sipp plays both phones.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ExtensionCallTests(EdgeCluster cluster)
{
    [Fact]
    public Task Call_CalleeAnswers_CallerHangsUp() => CallAsync("uas_answer.xml", "uac_call.xml");

    [Fact]
    public Task Call_CallerCancelsWhileRinging_487() => CallAsync("uas_ring.xml", "uac_cancel.xml");

    [Fact]
    public Task Call_CalleeBusy_486Relayed() => CallAsync("uas_busy.xml", "uac_busy.xml");

    [Fact]
    public Task Call_NobodyAnswers_480AfterRingTimeout() => CallAsync("uas_ring.xml", "uac_no_answer.xml");

    [Fact]
    public Task Call_CalleeHangsUp_ByeReachesCaller() => CallAsync("uas_bye.xml", "uac_callee_bye.xml");

    [Fact]
    public Task Call_HoldAndResume_ReInvitesRelayed() => CallAsync("uas_hold.xml", "uac_hold.xml");

    [Fact]
    public Task Call_CallerMissesFirst200ToHoldReInvite_EdgeRetransmitsItUntilTheAck() => CallAsync("uas_hold.xml", "uac_hold_late_ack.xml", "-nr");

    [Fact]
    public Task Call_CallerMissesFirst200_EdgeRetransmitsItUntilTheAck() => CallAsync("uas_answer.xml", "uac_late_ack.xml", "-nr");

    [Fact]
    public async Task Call_UnknownNumberWithoutTrunks_404()
    {
        await cluster.Provisioning.TrunksAsync();

        var result = await SippRunner.RunAsync(Caller("uac_not_found.xml", "1999"));

        result.AssertSucceeded();
    }

    private async Task CallAsync(string calleeScenario, string callerScenario, params string[] callerArguments)
    {
        var calleePort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", calleePort);

        await SippPair.RunAsync(
            new SippRun(calleeScenario) { LocalPort = calleePort, Timeout = TimeSpan.FromSeconds(20) },
            Caller(callerScenario, "1002") with { Extra = callerArguments });
    }

    private SippRun Caller(string scenario, string dialled) => new(scenario)
    {
        Remote = cluster.EdgeAddress,
        Service = dialled,
        AuthUser = "1001",
        AuthPassword = Provisioning.Password("1001"),
        Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
        Timeout = TimeSpan.FromSeconds(20),
    };
}
