using System.Text;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Transport;

/// <summary>
/// The valid RFC 4475 responses, sent to a running edge over UDP and TCP as a stray server would: noreason (§3.1.1.13,
/// a 100 with an empty reason phrase) and bcast (§3.3.10, a 200 whose second Via is the broadcast address). Both
/// parse and are handled as responses (counted by class, no parse error), match no client transaction of the edge, and
/// are dropped: a response is never answered (RFC 3261 §17.1.3, §18.1.2), bcast is never forwarded along its Vias
/// (the edge is a B2BUA, responses go back only to the leg that asked), no handler throws, and nothing reaches call
/// control. An edge per test, with its own counters and log.
/// </summary>
public sealed class SipInboundResponseTortureTests : IAsyncLifetime
{
    private readonly UnreachableGrainFactory _grains = new();
    private readonly RecordedLogs _logs = new();
    private EdgeTestHost _edge = null!;
    private EdgeMessageCounters _counters = null!;

    /// <summary>Name and the response class it is counted under.</summary>
    public static TheoryData<string, string> Responses => new()
    {
        { "noreason", "1xx" },
        { "bcast", "2xx" },
    };

    public async Task InitializeAsync()
    {
        _edge = await EdgeTestHost.StartAsync(_grains, logs: _logs);
        _counters = new EdgeMessageCounters(_edge);
    }

    public async Task DisposeAsync()
    {
        _counters.Dispose();
        await _edge.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Udp_ValidTortureResponse_HandledAsResponseAndDropped(string name, string responseClass)
    {
        await _edge.SendAsync(Torture(name));
        await _edge.SendAsync(_edge.Invite("z9hG4bK-after-" + name, "OPTIONS"));

        // Datagrams are handled in arrival order: the first thing back answers the OPTIONS, so the response got nothing.
        var answer = await _edge.ReceiveAsync();

        Assert.StartsWith("SIP/2.0 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("z9hG4bK-after-" + name, answer, StringComparison.Ordinal);
        AssertDropped(responseClass);
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Tcp_ValidTortureResponse_HandledAsResponseAndDropped(string name, string responseClass)
    {
        using var phone = await TcpPhone.ConnectAsync(_edge.Edge);
        var options = _edge.Invite("z9hG4bK-tcp-after-" + name, "OPTIONS").Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal);

        await phone.SendAsync(Torture(name));
        await phone.SendAsync(Encoding.ASCII.GetBytes(options));
        var answer = await phone.ReceiveAsync();

        // The connection stays open and in frame: the response was taken whole, and the next message is answered.
        Assert.NotNull(answer);
        Assert.StartsWith("SIP/2.0 200 ", answer, StringComparison.Ordinal);
        Assert.Contains("z9hG4bK-tcp-after-" + name, answer, StringComparison.Ordinal);
        AssertDropped(responseClass);
    }

    private void AssertDropped(string responseClass)
    {
        Assert.Equal(1, _counters.In(responseClass));
        Assert.Equal(1, _counters.In("OPTIONS"));
        Assert.Equal(0, _counters.ParseErrors);
        Assert.Equal(1, _counters.Out); // the OPTIONS' 200, nothing for the response
        Assert.Empty(_logs.Failures);
        Assert.DoesNotContain(_grains.Calls, call => !call.StartsWith("IManagementGrain.", StringComparison.Ordinal)
            && !call.StartsWith("IEdgeRegistryGrain.", StringComparison.Ordinal) && call != "ISourceBanGrain.GetBans");
    }

    private static byte[] Torture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", "rfc4475", name + ".sip"));
}
