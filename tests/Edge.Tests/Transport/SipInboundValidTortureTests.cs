using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Transport;

/// <summary>
/// The RFC 4475 requests that are valid, however tortuous, sent to a running edge over UDP and over TCP: each one gets
/// the answer the RFC asks of a UA or registrar, and the ones that need call control reach it. The edge stands in
/// front of a cluster that never answers (<see cref="UnreachableGrainFactory"/>), so a request that reached call
/// control is recognised by the grain it asked and by the 503 the edge gives when the cluster stays silent; what the
/// edge answers on its own (OPTIONS, 501, 404, 420/415/406) must come without any grain call. An edge per test: some
/// torture messages share a branch and sent-by (cparam01, cparam02), so on one edge the second would rightly be a
/// retransmission of the first (RFC 3261 §17.2.3).
/// </summary>
public sealed partial class SipInboundValidTortureTests : IAsyncLifetime
{
    private const int ClusterSilent = 503;
    private const string TrunkLookup = "IDirectoryGrain.ResolveTrunkSource";
    private const string DomainLookup = "IDirectoryGrain.ResolveDomain";

    private readonly UnreachableGrainFactory _grains = new();
    private EdgeTestHost _edge = null!;

    /// <summary>Name, the status the edge must answer, and the grain the request must reach (null: none).</summary>
    public static TheoryData<string, int, string?> OverEitherTransport => new()
    {
        // §3.1.1.1 wsinv: its To carries a tag, so it is a re-INVITE; the tag is none of ours (DialogTag), so no call
        // of this cluster has that dialog: 481 (RFC 3261 §12.2.2) without asking the cluster.
        { "wsinv", 481, null },
        // INVITEs outside a dialog: the B2BUA first asks whether the source is a carrier trunk.
        { "esc01", ClusterSilent, TrunkLookup },     // §3.1.1.3 escaped characters in URIs
        { "longreq", ClusterSilent, TrunkLookup },   // §3.1.1.7 long values everywhere
        { "baddate", ClusterSilent, TrunkLookup },   // §3.1.2.12 non-GMT Date: an element that ignores Date need not reject it
        // REGISTERs: the registrar resolves the AOR's domain to a tenant before anything else (RFC 3261 §10.3).
        { "escnull", ClusterSilent, DomainLookup },  // §3.1.1.4 %00 in user parts
        { "dblreq", ClusterSilent, DomainLookup },   // §3.1.1.8 a second request's octets after the body
        { "cparam01", ClusterSilent, DomainLookup }, // §3.3.12 a Contact parameter that is not a URI parameter
        { "cparam02", ClusterSilent, DomainLookup }, // §3.3.13 the same with a URI parameter
        { "regaut01", ClusterSilent, DomainLookup }, // §3.3.7 an Authorization scheme nobody knows: handled as any REGISTER
        { "regescrt", ClusterSilent, DomainLookup }, // §3.3.14 an escaped header in a bracketed Contact
        // §3.3.4 unksm2: an isbn: AOR has no user to register; the registrar says so without asking the cluster (§10.3).
        { "unksm2", 404, null },
        // §3.1.1.5 esc02: RE%47IST%45R is an unknown method, never REGISTER (methods are not unescaped): 501 with
        // Allow (RFC 3261 §21.5.2; 405 is for a method the server recognises).
        { "esc02", 501, null },
        // OPTIONS to the edge itself is answered by the edge (RFC 3261 §11.2).
        { "lwsdisp", 200, null },    // §3.1.1.6 no LWS between display name and <
        { "semiuri", 200, null },    // §3.1.1.9 ; in the user part
        { "transports", 200, null }, // §3.1.1.10 unknown transports in Via
        { "badbranch", 200, null },  // §3.2 a branch that is only the magic cookie
        { "zeromf", 200, null },     // §3.3.11 Max-Forwards 0: an endpoint processes it as if it were positive; only a proxy says 483
        // What the edge does not take, refused before processing (§8.2.2.3, §8.2.3).
        { "bext01", 420, null },     // §3.3.5 Require of unknown extensions
        { "invut", 415, null },      // §3.3.6 a body that is not SDP
        { "sdp01", 406, null },      // §3.3.15 an Accept without application/sdp
    };

    public async Task InitializeAsync() => _edge = await EdgeTestHost.StartAsync(_grains, new Dictionary<string, string?>
    {
        ["Sip:ClusterTimeoutMilliseconds"] = "300",
    });

    public async Task DisposeAsync() => await _edge.DisposeAsync();

    [Theory]
    [MemberData(nameof(OverEitherTransport))]
    [InlineData("inv2543", ClusterSilent, TrunkLookup)] // §3.4.1 RFC 2543 syntax: no branch, no Max-Forwards, no Content-Length
    public async Task Udp_ValidTortureRequest_AnsweredAsTheRfcAsks(string name, int status, string? grain)
    {
        var request = Torture(name);
        await _edge.SendAsync(request);

        var answer = await AnswerAsync(_edge.ReceiveAsync, request);

        AssertAnswered(name, answer, status, grain);
    }

    [Theory]
    [MemberData(nameof(OverEitherTransport))]
    public async Task Tcp_ValidTortureRequest_AnsweredAsTheRfcAsks(string name, int status, string? grain)
    {
        var request = Torture(name);
        using var phone = await TcpPhone.ConnectAsync(_edge.Edge);
        await phone.SendAsync(request);

        // dblreq's trailing octets are a second request on a stream (RFC 3261 §18.3), answered after or before ours.
        var answer = await AnswerAsync(async () => await phone.ReceiveAsync() ?? throw new Xunit.Sdk.XunitException("The edge closed the connection."), request);

        AssertAnswered(name, answer, status, grain);
    }

    [Fact]
    public async Task Udp_DblreqTrailingInvite_IgnoredNotProcessed()
    {
        // §3.1.1.8: in a datagram the octets after Content-Length are noise that must be ignored (RFC 3261 §18.3).
        var request = Torture("dblreq");
        await _edge.SendAsync(request);

        var answer = await AnswerAsync(_edge.ReceiveAsync, request);

        Assert.StartsWith($"SIP/2.0 {ClusterSilent} ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(TrunkLookup, _grains.Calls);
    }

    [Fact]
    public async Task Tcp_Inv2543WithoutContentLength_400NeverProcessed()
    {
        // inv2543 relies on the datagram to frame its body (§3.4.1); on a stream Content-Length is mandatory (RFC 3261 §18.3).
        using var phone = await TcpPhone.ConnectAsync(_edge.Edge);
        await phone.SendAsync(Torture("inv2543"));

        Assert.StartsWith("SIP/2.0 400 Missing Content-Length", await phone.ReceiveAsync(), StringComparison.Ordinal);
        Assert.Empty(CallControl());
    }

    private void AssertAnswered(string name, string answer, int status, string? grain)
    {
        Assert.True(answer.StartsWith($"SIP/2.0 {status} ", StringComparison.Ordinal), $"{name}: expected {status}, got {answer}");
        if (status is 200 or 405 or 501)
        {
            // §11.2, §8.2.1: each lists what the edge does take.
            Assert.Matches(@"\r\nAllow: [A-Z, ]*INVITE", answer);
        }

        if (grain is null)
        {
            Assert.Empty(CallControl());
        }
        else
        {
            Assert.Contains(grain, CallControl());
        }
    }

    /// <summary>
    /// Reads until the final answer to <paramref name="request"/> (same Call-ID; RFC 3261 §8.2.6.2 copies it), after
    /// checking that an INVITE outside a dialog was first answered 100 Trying (§17.2.1).
    /// </summary>
    private static async Task<string> AnswerAsync(Func<Task<string>> receive, byte[] request)
    {
        var text = Encoding.Latin1.GetString(request);
        var callId = CallIdPattern().Match(text).Groups[1].Value;
        var firstOwn = true;
        for (var reads = 0; reads < 10; reads++)
        {
            var answer = await receive();
            if (CallIdPattern().Match(answer).Groups[1].Value != callId)
            {
                continue;
            }

            if (firstOwn && text.StartsWith("INVITE ", StringComparison.Ordinal) && !ToTagPattern().IsMatch(text)
                && answer.StartsWith("SIP/2.0 503 ", StringComparison.Ordinal))
            {
                Assert.Fail($"An INVITE was answered 503 without a 100 Trying first: {answer}");
            }

            firstOwn = false;
            if (!answer.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return answer;
            }
        }

        throw new Xunit.Sdk.XunitException($"No final answer with Call-ID {callId}.");
    }

    /// <summary>Grain calls beyond the edge's own background ones (cluster probe, edge registry, ban-list poll).</summary>
    private List<string> CallControl() =>
        [.. _grains.Calls.Where(call => !call.StartsWith("IManagementGrain.", StringComparison.Ordinal)
            && !call.StartsWith("IEdgeRegistryGrain.", StringComparison.Ordinal) && call != "ISourceBanGrain.GetBans")];

    private static byte[] Torture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", "rfc4475", name + ".sip"));

    [GeneratedRegex(@"^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CallIdPattern();

    [GeneratedRegex(@"^(?:To|t)[ \t]*:[^\r]*(\r\n[ \t][^\r]*)*;[ \t]*tag[ \t]*=", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ToTagPattern();
}
