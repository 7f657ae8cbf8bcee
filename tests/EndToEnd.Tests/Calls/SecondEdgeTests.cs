using System.Globalization;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>Any edge serves any call: our tag in the request names the call (DialogTag), its dialog state comes from the call grain.</summary>
[Collection(EdgeCollection.Name)]
public sealed class SecondEdgeTests(EdgeCluster cluster)
{
    [Fact]
    public async Task Bye_SentToSecondEdge_EndsCallOnBothLegs()
    {
        await using var second = await SecondEdge.StartAsync(cluster.Silo);
        var calleePort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", calleePort);

        await SippPair.RunAsync(
            new SippRun("uas_answer.xml") { LocalPort = calleePort, Timeout = TimeSpan.FromSeconds(20) },
            new SippRun("uac_second_edge_bye.xml")
            {
                Remote = cluster.EdgeAddress,
                Service = "1002",
                AuthUser = "1001",
                AuthPassword = Provisioning.Password("1001"),
                Keys = new Dictionary<string, string>
                {
                    ["caller"] = "1001",
                    ["domain"] = Provisioning.Domain,
                    ["edge2_port"] = second.Port.ToString(CultureInfo.InvariantCulture),
                },
                Timeout = TimeSpan.FromSeconds(20),
            });
    }

    [Fact]
    public async Task Bye_ForACallThatIsGone_SecondEdgeAnswers481()
    {
        await using var second = await SecondEdge.StartAsync(cluster.Silo);
        var calleePort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", calleePort);

        await SippPair.RunAsync(
            new SippRun("uas_answer.xml") { LocalPort = calleePort, Timeout = TimeSpan.FromSeconds(40) },
            new SippRun("uac_second_edge_late_bye.xml")
            {
                Remote = cluster.EdgeAddress,
                Service = "1002",
                AuthUser = "1001",
                AuthPassword = Provisioning.Password("1001"),
                Keys = new Dictionary<string, string>
                {
                    ["caller"] = "1001",
                    ["domain"] = Provisioning.Domain,
                    ["edge2_port"] = second.Port.ToString(CultureInfo.InvariantCulture),
                },
                Timeout = TimeSpan.FromSeconds(40),
            });
    }
}
