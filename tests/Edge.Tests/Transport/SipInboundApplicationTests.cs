using System.Text;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Transport;

/// <summary>
/// The RFC 4475 requests that parse but ask for what the edge does not do, through real sockets to a running edge:
/// an unknown required extension (bext01) gets 420 with Unsupported, an INVITE body that is not SDP (invut) gets 415
/// with Accept, an INVITE that will not accept SDP (sdp01) gets 406, before any call control (RFC 3261 §8.2.2.3,
/// §8.2.3). Each test sends its message with a branch and Call-ID of its own: the UDP and TCP copies are different
/// requests, not one merged request (§8.2.2.2, 482), and retransmitted finals from one test (UDP, until the ACK that
/// nobody sends here) are told apart from the next test's answer.
/// </summary>
public sealed class SipInboundApplicationTests(UnreachableEdge fixture) : IClassFixture<UnreachableEdge>
{
    private readonly UnreachableGrainFactory _grains = fixture.Grains;
    private readonly EdgeTestHost _edge = fixture.Edge;

    public static TheoryData<string, int, string> Refused => new()
    {
        { "bext01", 420, "Unsupported: nothingSupportsThis, nothingSupportsThisEither" }, // §3.3.5
        { "invut", 415, "Accept: application/sdp" },                                       // §3.3.6
        { "sdp01", 406, "Accept: application/sdp" },                                       // §3.3.15
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Udp_UnacceptableRequest_RefusedWithWhatWeTake(string name, int status, string header)
    {
        var branch = "z9hG4bK-udp-" + name;

        await _edge.SendAsync(Torture(name, branch));
        var answer = await AnswerAsync(branch);

        Assert.StartsWith($"SIP/2.0 {status} ", answer, StringComparison.Ordinal);
        Assert.Contains("\r\n" + header + "\r\n", answer, StringComparison.Ordinal);
        AssertNoCallControl();
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Tcp_UnacceptableRequest_RefusedWithWhatWeTake(string name, int status, string header)
    {
        using var phone = await TcpPhone.ConnectAsync(_edge.Edge);

        await phone.SendAsync(Torture(name, "z9hG4bK-tcp-" + name));
        var answer = await phone.ReceiveAsync();

        Assert.NotNull(answer);
        Assert.StartsWith($"SIP/2.0 {status} ", answer, StringComparison.Ordinal);
        Assert.Contains("\r\n" + header + "\r\n", answer, StringComparison.Ordinal);
        AssertNoCallControl();
    }

    [Fact]
    public async Task Udp_RequireOfAnExtensionWeImplement_Processed()
    {
        var options = _edge.Invite("z9hG4bK-require-path", "OPTIONS")
            .Replace("Content-Length: 0\r\n", "Require: path\r\nAccept: text/plain\r\nContent-Length: 0\r\n", StringComparison.Ordinal);

        await _edge.SendAsync(options);

        // OPTIONS is answered by the edge itself (§11.2); Accept only matters for the INVITE's SDP answer.
        Assert.StartsWith("SIP/2.0 200 ", await AnswerAsync("z9hG4bK-require-path"), StringComparison.Ordinal);
    }

    /// <summary>The first non-1xx answer on the phone socket that carries <paramref name="branch"/>.</summary>
    private async Task<string> AnswerAsync(string branch)
    {
        for (var reads = 0; reads < 20; reads++)
        {
            var answer = await _edge.ReceiveAsync();
            if (answer.Contains(branch, StringComparison.Ordinal) && !answer.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return answer;
            }
        }

        throw new Xunit.Sdk.XunitException($"No final answer for {branch}.");
    }

    private static byte[] Torture(string name, string branch) => Encoding.Latin1.GetBytes(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "rfc4475", name + ".sip"), Encoding.Latin1)
            .Replace("z9hG4bKkdjuw", branch, StringComparison.Ordinal)
            .Replace($"Call-ID: {name}.", $"Call-ID: {branch}.", StringComparison.Ordinal));

    /// <summary>The edge's own background calls (cluster probe, edge registry, ban-list poll) are fine; nothing else may happen.</summary>
    private void AssertNoCallControl() =>
        Assert.DoesNotContain(_grains.Calls, call => !call.StartsWith("IManagementGrain.", StringComparison.Ordinal)
            && !call.StartsWith("IEdgeRegistryGrain.", StringComparison.Ordinal) && call != "ISourceBanGrain.GetBans");
}
