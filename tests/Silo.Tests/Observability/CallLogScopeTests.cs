using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Observability;

public sealed class CallLogScopeTests
{
    [Fact]
    public async Task CallGrainTurn_LogsCarryCallIdScope()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var capture = new CapturingLoggerProvider();
        silo.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);

        var callId = CallKeys.NewCallId();
        var leg = new LegDialog(
            $"leg-{Guid.NewGuid():N}", LegRole.Caller, "ours", "theirs", "sip:9999@demo", "sip:1001@demo", 1, 1, "sip:1001@127.0.0.1:5999",
            [], "edge-test", new TransportAddress(SipTransport.Udp, "127.0.0.1", 5999), null, null);
        var decision = await silo.GrainFactory.GetGrain<ICallGrain>(callId).Start(new CallStart(
            new CallOrigin(CallOriginKind.Extension, "demo", "1001", null, "1001", null), "9999", "sip:9999@demo", leg));

        // An unknown number is refused; whatever the grain logged while deciding must name the call in its scope.
        Assert.False(decision.Accepted);
        var lines = capture.Lines.Where(l => l.Message.Contains(callId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains(new KeyValuePair<string, object?>("CallId", callId), l.Scope));
    }
}
