using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Edge.Trunks;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Sip.Transports;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// Trunk OPTIONS pings on an edge of its own (pinging every second, 400 ms to answer): the first trunk is a raw UDP
/// carrier that answers (INVITE 503), then goes silent, then answers again; the second a raw carrier that answers
/// calls (both take pings at any time, which a sipp UAS does not). A silent carrier is marked down
/// within seconds and calls skip it (without the ping the INVITE would wait out Timer B, 32 s, longer than the phone
/// waits); once it answers again calls go to it first again.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class TrunkPingTests(EdgeCluster cluster)
{
    [Fact]
    public async Task Outbound_FirstTrunkGoesSilent_SkippedUntilItAnswersPingsAgain()
    {
        var silentPort = FreePorts.Next();
        var answeringPort = FreePorts.Next();
        await cluster.Provisioning.TrunksAsync(("carrier-a", silentPort, true), ("carrier-b", answeringPort, true));
        await using var edge = await SecondEdge.StartAsync(cluster.Silo, new Dictionary<string, string?>
        {
            ["Sip:TrunkPingSeconds"] = "1",
            ["Sip:TrunkPingTimeoutMilliseconds"] = "400",
        });
        var health = edge.Services.GetRequiredService<TrunkHealth>();
        var carrierA = new SipEndPoint(SipTransportKind.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, silentPort));
        await using var carrier = new ScriptedCarrier(silentPort, 503);
        await using var backup = new ScriptedCarrier(answeringPort, 200);

        // 1. Carrier A answers 503: the call fails over to B, and the edge now knows A and pings it.
        await CallThroughBAsync(edge, "4930555201");
        Assert.Equal(1, carrier.Count("INVITE"));
        await WaitUntilAsync(() => carrier.Count("OPTIONS") > 0, "carrier A was never pinged");
        Assert.False(health.IsDown(carrierA));

        // 2. A goes silent: marked down within seconds (a tick plus the ping timeout), and the next call skips it.
        carrier.Answering = false;
        var silentSince = DateTime.UtcNow;
        await WaitUntilAsync(() => health.IsDown(carrierA), "carrier A was never marked down");
        Assert.InRange(DateTime.UtcNow - silentSince, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        await CallThroughBAsync(edge, "4930555202");
        Assert.Equal(1, carrier.Count("INVITE"));

        // 3. A answers pings again: up, and the next call tries it first again (503, then B).
        carrier.Answering = true;
        await WaitUntilAsync(() => !health.IsDown(carrierA), "carrier A never came back");
        await CallThroughBAsync(edge, "4930555203");
        Assert.Equal(2, carrier.Count("INVITE"));
        Assert.Equal(3, backup.Count("INVITE"));

        // The edge answers the caller's BYE and ends the carrier leg side by side: its BYE may land a moment later.
        await WaitUntilAsync(() => backup.Count("BYE") == 3, $"carrier B got {backup.Count("BYE")} BYEs, not 3");
    }

    private static async Task CallThroughBAsync(SecondEdge edge, string number)
    {
        var result = await SippRunner.RunAsync(new SippRun("uac_call.xml")
        {
            Remote = "127.0.0.1:" + edge.Port.ToString(CultureInfo.InvariantCulture),
            Service = number,
            AuthUser = "1001",
            AuthPassword = Provisioning.Password("1001"),
            Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
            Timeout = TimeSpan.FromSeconds(15),
        });
        result.AssertSucceeded();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (var waited = 0; waited < 100 && !condition(); waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), failure);
    }
}
