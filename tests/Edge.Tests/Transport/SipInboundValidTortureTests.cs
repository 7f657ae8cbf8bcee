using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Transport;

/// <summary>
/// The RFC 4475 requests that are valid, however tortuous, sent to a running edge over UDP: each one is processed
/// (answered by the dispatcher: 200 for OPTIONS, 405 for an unknown method, 420/415/406 for what the edge does not
/// take, 503 while the cluster is silent), never turned away as a parse error. The 420/415/406 answers are checked in
/// <see cref="SipInboundApplicationTests"/>; the rest of their application-level answers need a cluster.
/// An edge per test: some torture messages share a branch and sent-by (cparam01, cparam02), so on one edge the
/// second would rightly be a retransmission of the first (RFC 3261 §17.2.3).
/// </summary>
public sealed class SipInboundValidTortureTests : IAsyncLifetime
{
    private EdgeTestHost _edge = null!;

    public static TheoryData<string> ValidRequests =>
    [
        "wsinv", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports", "badbranch",
        "bext01", "cparam01", "cparam02", "inv2543", "invut", "regaut01", "regescrt", "sdp01", "zeromf", "unksm2", "baddate",
    ];

    public async Task InitializeAsync() => _edge = await EdgeTestHost.StartAsync(new UnreachableGrainFactory(), new Dictionary<string, string?>
    {
        ["Sip:ClusterTimeoutMilliseconds"] = "300",
    });

    public async Task DisposeAsync() => await _edge.DisposeAsync();

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public async Task Udp_ValidTortureRequest_ProcessedNotRejected(string name)
    {
        await _edge.SendAsync(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", "rfc4475", name + ".sip")));

        var answer = await _edge.FinalResponseAsync();

        // Anything but a parser verdict: the dispatcher took it (200, 405, 481, 503, ...).
        Assert.StartsWith("SIP/2.0 ", answer, StringComparison.Ordinal);
        Assert.DoesNotMatch("^SIP/2.0 (400|416|505|513) ", answer);
    }
}
