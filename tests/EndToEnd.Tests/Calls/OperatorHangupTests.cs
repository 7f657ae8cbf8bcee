using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains.Calls;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>Grain → edge commands: a call ended by the cluster (operator hang-up) reaches both phones as BYE.</summary>
[Collection(EdgeCollection.Name)]
public sealed class OperatorHangupTests(EdgeCluster cluster)
{
    [Fact]
    public async Task HangUp_AnsweredCall_EdgeByesBothPhones()
    {
        var calleePort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", calleePort);
        await using var callee = SippRunner.Start(new SippRun("uas_answer.xml") { LocalPort = calleePort, Timeout = TimeSpan.FromSeconds(20) });
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        await using var caller = SippRunner.Start(new SippRun("uac_callee_bye.xml")
        {
            Remote = cluster.EdgeAddress,
            Service = "1002",
            AuthUser = "1001",
            AuthPassword = Provisioning.Password("1001"),
            Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
            Timeout = TimeSpan.FromSeconds(20),
        });

        var callId = await AnsweredCalls.WaitAsync(cluster.Grains, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1));
        Assert.True(await cluster.Grains.GetGrain<ICallGrain>(callId).HangUp("operator test"));

        (await caller.WaitAsync()).AssertSucceeded();
        (await callee.WaitAsync()).AssertSucceeded();
    }
}
