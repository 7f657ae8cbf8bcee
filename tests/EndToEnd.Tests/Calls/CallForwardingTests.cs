using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// Forwarding on the wire: 1001 calls 1002, whose phone (sipp) is busy or does not answer; the edge places the
/// forwarded leg to 1003's phone (sipp), which answers. Real SIP, a real silo, the CDR names the extension that answered.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class CallForwardingTests(EdgeCluster cluster)
{
    [Fact]
    public Task Busy_1002Busy_ForwardedTo1003_Answered() =>
        ForwardedAsync(new CallForwarding(null, "1003", null), "uas_busy.xml");

    /// <summary>1002 rings past its five seconds: the edge CANCELs it on the grain's order and the 487 moves the call on.</summary>
    [Fact]
    public Task NoAnswer_1002RingsFiveSeconds_Cancelled_ForwardedTo1003_Answered() =>
        ForwardedAsync(new CallForwarding(null, null, "1003", NoAnswerSeconds: 5), "uas_ring.xml");

    private async Task ForwardedAsync(CallForwarding forwarding, string firstPhone)
    {
        var firstPort = FreePorts.Next();
        var answeringPort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", firstPort);
        await cluster.Provisioning.BindAsync("1003", answeringPort);
        var extension = cluster.Grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(Provisioning.TenantId, "1002"));
        var settings = (await extension.GetSnapshot())!.Settings;
        var since = DateTimeOffset.UtcNow;
        try
        {
            await extension.Provision(settings with { Forwarding = forwarding }, null);
            await using var first = SippRunner.Start(new SippRun(firstPhone) { LocalPort = firstPort, Timeout = TimeSpan.FromSeconds(30) });
            Assert.True(await BoundPorts.WaitAsync(firstPort, TimeSpan.FromSeconds(5)), "1002's sipp never bound its port");

            await SippPair.RunAsync(
                new SippRun("uas_answer.xml") { LocalPort = answeringPort, Timeout = TimeSpan.FromSeconds(30) },
                new SippRun("uac_call.xml")
                {
                    Remote = cluster.EdgeAddress,
                    Service = "1002",
                    AuthUser = "1001",
                    AuthPassword = Provisioning.Password("1001"),
                    Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
                    Timeout = TimeSpan.FromSeconds(30),
                });
            (await first.WaitAsync()).AssertSucceeded();

            var cdr = await SettledCdrs.WaitAsync(cluster.Silo, "1001", "1003", since);
            Assert.Equal((CallDisposition.Answered, CallDirection.OnNet), (cdr.Disposition, cdr.Direction));
        }
        finally
        {
            await extension.Provision(settings, null);
        }
    }
}
