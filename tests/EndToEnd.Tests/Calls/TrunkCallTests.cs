using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains.Edges;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>Calls through carrier trunks: sipp plays the carriers and the phones.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TrunkCallTests(EdgeCluster cluster)
{
    [Fact]
    public async Task Outbound_FirstTrunkFails_NextTrunkChallengesAndAnswers()
    {
        var failing = FreePorts.Next();
        var answering = FreePorts.Next();
        await cluster.Provisioning.TrunksAsync(("carrier-a", failing, false), ("carrier-b", answering, true));
        await using var first = SippRunner.Start(new SippRun("uas_decline.xml") { LocalPort = failing, Timeout = TimeSpan.FromSeconds(20) });

        await SippPair.RunAsync(
            new SippRun("uas_carrier_auth.xml") { LocalPort = answering, Timeout = TimeSpan.FromSeconds(20) },
            Phone1001Dials("4930555123"));
        (await first.WaitAsync()).AssertSucceeded();
    }

    /// <summary>
    /// One trunk, configured as a name without a port: its SRV records (dnsmasq) list two servers. The first answers
    /// 503, so the edge tries the second itself (RFC 3263 §4.3); with a single trunk the grain has nothing to fail
    /// over to, so the call is connected only if the edge moved along the SRV list.
    /// </summary>
    [Fact]
    public async Task Outbound_SrvTrunk_FirstServer503_SecondServerAnswers()
    {
        await cluster.Provisioning.SrvTrunkAsync("carrier-srv", EdgeCluster.SrvCarrier);
        var (primary, backup) = cluster.SrvCarrierPorts;
        await using var first = SippRunner.Start(new SippRun("uas_decline.xml") { LocalPort = primary, Timeout = TimeSpan.FromSeconds(20) });
        Assert.True(await BoundPorts.WaitAsync(primary, TimeSpan.FromSeconds(5)), "the first SRV server's sipp never bound its port");

        await SippPair.RunAsync(
            new SippRun("uas_carrier_auth.xml") { LocalPort = backup, Timeout = TimeSpan.FromSeconds(20) },
            Phone1001Dials("4930555124"));
        (await first.WaitAsync()).AssertSucceeded();
    }

    /// <summary>The same over TCP: the first SRV server refuses the connection, a transport error (RFC 3263 §4.3).</summary>
    [Fact]
    public async Task Outbound_SrvTcpTrunk_FirstServerRefuses_SecondServerAnswers()
    {
        await cluster.Provisioning.SrvTrunkAsync("carrier-srv-tcp", EdgeCluster.SrvCarrier, SipTransport.Tcp);

        await SippPair.RunAsync(
            new SippRun("uas_carrier_auth.xml") { LocalPort = cluster.SrvTcpCarrierPorts.Backup, Timeout = TimeSpan.FromSeconds(20), Extra = ["-t", "t1"] },
            Phone1001Dials("4930555125"));
    }

    [Fact]
    public async Task Inbound_CarrierCallsDid_ExtensionAnswers()
    {
        var calleePort = FreePorts.Next();
        await cluster.Provisioning.TrunksAsync(("carrier-a", FreePorts.Next(), false));
        await cluster.Provisioning.BindAsync("1002", calleePort);

        // The directory caches trunk sources briefly (CallControl:DirectoryCacheTime, 2 s).
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await SippPair.RunAsync(
            new SippRun("uas_answer.xml") { LocalPort = calleePort, Timeout = TimeSpan.FromSeconds(20) },
            new SippRun("trunk_inbound_call.xml")
            {
                Remote = cluster.EdgeAddress,
                LocalAddress = Provisioning.CarrierAddress,
                Service = Provisioning.Did,
                Keys = new Dictionary<string, string> { ["caller"] = "4971112345" },
                Timeout = TimeSpan.FromSeconds(20),
            });
    }

    /// <summary>Extension 1001 of the test tenant dialling an outside number through the edge.</summary>
    private SippRun Phone1001Dials(string number) => new("uac_call.xml")
    {
        Remote = cluster.EdgeAddress,
        Service = number,
        AuthUser = "1001",
        AuthPassword = Provisioning.Password("1001"),
        Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
        Timeout = TimeSpan.FromSeconds(20),
    };
}
