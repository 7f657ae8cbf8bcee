using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Edge.Tests.Support;
using Switchboard.Sip;

namespace Switchboard.Edge.Tests.Transport;

/// <summary>
/// RFC 4475 torture messages the parser rejects, sent through real sockets (UDP and TCP) to a running edge: every
/// answerable request gets the status its defect calls for, everything else is dropped, and none of them reaches
/// call control (the grain factory records every grain call the edge makes, for the whole class). The edge is
/// shared: every test here leaves nothing in flight (stateless answers are not retransmitted).
/// </summary>
public sealed partial class SipInboundTests(UnreachableEdge fixture) : IClassFixture<UnreachableEdge>
{
    private readonly UnreachableGrainFactory _grains = fixture.Grains;
    private readonly EdgeTestHost _edge = fixture.Edge;

    /// <summary>Name and the status RFC 4475 prefers. clerr is UDP-only: over TCP a short body is just "wait for more".</summary>
    public static TheoryData<string, int> Rejected => new()
    {
        { "badinv01", 400 },   // §3.1.2.1 extraneous separators in Via
        { "ncl", 400 },        // §3.1.2.3 negative Content-Length
        { "scalar02", 400 },   // §3.1.2.4 CSeq over 2^31
        { "quotbal", 400 },    // §3.1.2.6 unterminated quote
        { "ltgtruri", 400 },   // §3.1.2.7 <> around the Request-URI
        { "lwsruri", 400 },    // §3.1.2.8 LWS inside the Request-URI
        { "lwsstart", 400 },   // §3.1.2.9 several SP in the Request-Line
        { "trws", 400 },       // §3.1.2.10 SP after SIP-Version
        { "escruri", 400 },    // §3.1.2.11 escaped headers in the Request-URI
        { "regbadct", 400 },   // §3.1.2.13 escaped header in an unbracketed Contact (registrar validation)
        { "badaspec", 400 },   // §3.1.2.14 spaces inside <>
        { "baddn", 400 },      // §3.1.2.15 unquoted display name with a comma
        { "badvers", 505 },    // §3.1.2.16 SIP/7.0
        { "mismatch01", 400 }, // §3.1.2.17 CSeq method differs from the request method
        { "mismatch02", 400 }, // §3.1.2.18 the same with an unknown method
        { "mcl01", 400 },      // §3.3.11 two Content-Length values
        { "multi01", 400 },    // §3.3.12 two CSeq, Call-ID, To, From
        { "novelsc", 416 },    // §3.3.13 soap.beep Request-URI scheme
        { "unkscm", 416 },     // §3.3.14 unknown Request-URI scheme
    };

    /// <summary>Responses that must be discarded, and a request too broken to answer.</summary>
    public static TheoryData<string> Dropped => ["scalarlg", "bigcode", "insuf"];

    [Theory]
    [MemberData(nameof(Rejected))]
    [InlineData("clerr", 400)] // §3.1.2.2 Content-Length larger than the datagram's body
    public async Task Udp_InvalidRequest_AnsweredWithItsStatusAndNeverProcessed(string name, int status)
    {
        var message = Torture(name);

        await _edge.SendAsync(message);
        var answer = await _edge.ReceiveAsync();

        AssertAnswers(answer, message, status);
        AssertNoCallControl();
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task Tcp_InvalidRequest_AnsweredWithItsStatusAndNeverProcessed(string name, int status)
    {
        var message = Torture(name);
        using var phone = await TcpPhone.ConnectAsync(_edge.Edge);

        await phone.SendAsync(message);
        var answer = await phone.ReceiveAsync();

        Assert.NotNull(answer);
        AssertAnswers(answer, message, status);
        AssertNoCallControl();
    }

    [Theory]
    [MemberData(nameof(Dropped))]
    public async Task Udp_UnanswerableMessage_DroppedAndEdgeKeepsServing(string name)
    {
        await _edge.SendAsync(Torture(name));
        await _edge.SendAsync(_edge.Invite("z9hG4bK-after-" + name, "OPTIONS"));

        // The first thing back is the next request's answer: the dropped message got none.
        var answer = await _edge.ReceiveAsync();

        Assert.StartsWith("SIP/2.0 200", answer, StringComparison.Ordinal);
        Assert.Contains("z9hG4bK-after-" + name, answer, StringComparison.Ordinal);
        AssertNoCallControl();
    }

    [Theory]
    [MemberData(nameof(Dropped))]
    public async Task Tcp_UnanswerableMessage_DroppedAndConnectionKeepsServing(string name)
    {
        using var phone = await TcpPhone.ConnectAsync(_edge.Edge);
        var options = _edge.Invite("z9hG4bK-tcp-after-" + name, "OPTIONS").Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal);

        await phone.SendAsync(Torture(name));
        await phone.SendAsync(Encoding.ASCII.GetBytes(options));
        var answer = await phone.ReceiveAsync();

        Assert.NotNull(answer);
        Assert.StartsWith("SIP/2.0 200", answer, StringComparison.Ordinal);
        Assert.Contains("z9hG4bK-tcp-after-" + name, answer, StringComparison.Ordinal);
        AssertNoCallControl();
    }

    [Fact]
    public async Task Tcp_RequestWithoutContentLength_400ThenConnectionClosed()
    {
        // RFC 3261 §18.3: a stream message must carry Content-Length; without it framing is lost for good.
        var options = _edge.Invite("z9hG4bK-no-length", "OPTIONS").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);
        using var phone = await TcpPhone.ConnectAsync(_edge.Edge);

        await phone.SendAsync(Encoding.ASCII.GetBytes(options));

        Assert.StartsWith("SIP/2.0 400 Missing Content-Length", await phone.ReceiveAsync(), StringComparison.Ordinal);
        Assert.Null(await phone.ReceiveAsync());
        AssertNoCallControl();
    }

    [Fact]
    public async Task Udp_SeededMutationsTheParserRejects_NoneReachesCallControl()
    {
        var parser = new SipParser();
        var invite = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", "messages", "invite.sip"));
        var random = new Random(4475);
        var sent = 0;
        for (var attempt = 0; attempt < 5000 && sent < 150; attempt++)
        {
            var mutant = Mutate(invite, random);
            var verdict = parser.ParseDatagram(mutant.AsMemory());
            verdict.Message?.Dispose();
            if (verdict.Status != SipParseStatus.Invalid)
            {
                continue;
            }

            await _edge.SendAsync(mutant);
            if (++sent % 10 == 0)
            {
                // A few at a time, so the socket buffers never overflow on a busy machine.
                await AnsweredInOrderAsync("z9hG4bK-mutants-" + sent);
            }
        }

        await AnsweredInOrderAsync("z9hG4bK-mutants-done");
        Assert.True(sent > 100, $"only {sent} mutants were rejected by the parser");
        AssertNoCallControl();
    }

    /// <summary>
    /// Sends an OPTIONS and reads until its 200 comes back: datagrams are handled in arrival order, so by then every
    /// message sent before it was judged. Everything read on the way must be a stateless rejection.
    /// </summary>
    private async Task AnsweredInOrderAsync(string branch)
    {
        await _edge.SendAsync(_edge.Invite(branch, "OPTIONS"));
        for (var reads = 0; reads < 50; reads++)
        {
            var answer = await _edge.ReceiveAsync();
            if (answer.Contains(branch, StringComparison.Ordinal))
            {
                Assert.StartsWith("SIP/2.0 200", answer, StringComparison.Ordinal);
                return;
            }

            // Anything else back is a stateless rejection, never a call-control answer.
            Assert.Matches("^SIP/2.0 (400|416|505|513) ", answer);
        }

        Assert.Fail("The OPTIONS was never answered.");
    }

    private static byte[] Torture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", "rfc4475", name + ".sip"));

    private static void AssertAnswers(string answer, byte[] request, int status)
    {
        Assert.StartsWith($"SIP/2.0 {status} ", answer, StringComparison.Ordinal);

        // §8.2.6.2: the answer copies the request's Call-ID (and Via, From, CSeq) byte for byte.
        var callId = CallIdPattern().Match(Encoding.Latin1.GetString(request)).Groups[1].Value;
        Assert.Contains($"Call-ID: {callId}", answer, StringComparison.Ordinal);
    }

    /// <summary>The edge's own background calls (cluster probe, edge registry, ban-list poll) are fine; nothing else may happen.</summary>
    private void AssertNoCallControl() =>
        Assert.DoesNotContain(_grains.Calls, call => !call.StartsWith("IManagementGrain.", StringComparison.Ordinal)
            && !call.StartsWith("IEdgeRegistryGrain.", StringComparison.Ordinal) && call != "ISourceBanGrain.GetBans");

    /// <summary>One seeded defect: a byte overwritten, a range deleted, a line duplicated, or the datagram cut short.</summary>
    private static byte[] Mutate(byte[] message, Random random)
    {
        var bytes = message.ToList();
        switch (random.Next(4))
        {
            case 0:
                const string defects = " :;<>\"\r\n\0@,/x5";
                bytes[random.Next(bytes.Count)] = (byte)defects[random.Next(defects.Length)];
                break;
            case 1:
                var at = random.Next(bytes.Count);
                bytes.RemoveRange(at, Math.Min(random.Next(1, 12), bytes.Count - at));
                break;
            case 2:
                var start = bytes.IndexOf((byte)'\n', random.Next(bytes.Count / 2)) + 1;
                var end = start == 0 ? -1 : bytes.IndexOf((byte)'\n', start);
                if (end > start)
                {
                    bytes.InsertRange(start, bytes.GetRange(start, end - start + 1));
                }

                break;
            default:
                bytes = bytes.Take(random.Next(10, bytes.Count)).ToList();
                break;
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CallIdPattern();
}
