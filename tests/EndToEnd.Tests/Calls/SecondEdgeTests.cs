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
    public Task Bye_SentToSecondEdge_EndsCallOnBothLegs() => CallThenByeAtSecondEdgeAsync("uac_second_edge_bye.xml", TimeSpan.FromSeconds(20));

    [Fact]
    public Task Bye_ForACallThatIsGone_SecondEdgeAnswers481() => CallThenByeAtSecondEdgeAsync("uac_second_edge_late_bye.xml", TimeSpan.FromSeconds(40));

    /// <summary>1001 calls 1002 through the first edge; the scenario then sends its BYEs to a second edge.</summary>
    private async Task CallThenByeAtSecondEdgeAsync(string scenario, TimeSpan timeout)
    {
        await using var second = await SecondEdge.StartAsync(cluster.Silo);
        var calleePort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", calleePort);

        await SippPair.RunAsync(
            new SippRun("uas_answer.xml") { LocalPort = calleePort, Timeout = timeout },
            new SippRun(scenario)
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
                Timeout = timeout,
            });
    }
}
