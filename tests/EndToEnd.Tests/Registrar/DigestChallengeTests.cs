using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Edge.Auth;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tenants;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Registrar;

/// <summary>
/// The digest policy on the wire: a REGISTER to the running edge is challenged with the tenant's algorithms (MD5
/// only until the tenant opts in) or the extension's own, and a phone answering in the offered algorithm registers.
/// Its own silo (tenant policies change here, and each edge caches them for seconds), provisioned through the
/// grains; in the end-to-end collection only so it never runs beside the sipp tests and their second edge.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed partial class DigestChallengeTests : IAsyncLifetime
{
    private const string TenantId = "digest";
    private const string Domain = "digest.e2e.test";
    private const string Password = "pw-digest-secret";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly Socket _phone = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private RunningSilo _silo = null!;
    private int _cseq;

    private ITenantGrain Tenant => _silo.GrainFactory.GetGrain<ITenantGrain>(TenantId);

    public async Task InitializeAsync()
    {
        _phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        var policies = new TenantPolicies(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), true);
        (await Tenant.Configure(new TenantSettings("Digest", Domain, TenantStatus.Active, "acct-digest", policies))).OrThrow();
        await Extension("1001").Provision(new ExtensionSettings("Default", true, null), Password);
        await Extension("1002").Provision(new ExtensionSettings("SHA-256 phone", true, null, [DigestAlgorithm.Sha256]), Password);
    }

    public async Task DisposeAsync()
    {
        _phone.Dispose();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Register_DefaultPolicy_OneMd5ChallengeAndTheMd5AnswerRegisters()
    {
        var challenges = await ChallengesAsync("1001");

        var challenge = Assert.Single(challenges);
        Assert.Contains("algorithm=MD5", challenge, StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200", await AnswerAsync("1001", challenge), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ExtensionOverride_OnlySha256AndTheSha256AnswerRegisters()
    {
        var challenges = await ChallengesAsync("1002");

        var challenge = Assert.Single(challenges);
        Assert.Contains("algorithm=SHA-256", challenge, StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200", await AnswerAsync("1002", challenge), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_DigestUriNamesAnotherTarget_400AndNotRegistered()
    {
        var challenge = Assert.Single(await ChallengesAsync("1001"));

        // A correct response, but computed for another Request-URI (RFC 3261 §22.4, RFC 7616 §3.4.6).
        var answer = await AnswerAsync("1001", challenge, digestUri: "sip:elsewhere.e2e.test", expires: 300);

        Assert.StartsWith("SIP/2.0 400", answer, StringComparison.Ordinal);
        Assert.Empty(await Extension("1001").GetBindings());
    }

    [Fact]
    public async Task Register_AuthorizationReplayedOnASecondEdge_StaleChallengeThere()
    {
        await using var second = await SecondEdge.StartAsync(_silo);
        var challenge = Assert.Single(await ChallengesAsync("1001"));
        var authorization = TrunkDigest.Answer(challenge, "1001", Password, "REGISTER", $"sip:{Domain}");
        Assert.StartsWith("SIP/2.0 200", await RegisterAsync("1001", authorization, expires: 0), StringComparison.Ordinal);

        // The second edge does not know which nonce-counts the first one saw, so it never accepts the first
        // edge's nonce: a captured Authorization gets a fresh stale challenge there (a real phone retries once).
        var replayed = await RegisterAsync("1001", authorization, expires: 300, edgePort: second.Port);

        Assert.StartsWith("SIP/2.0 401", replayed, StringComparison.Ordinal);
        Assert.Contains("stale=TRUE", replayed, StringComparison.Ordinal);
        Assert.Empty(await Extension("1001").GetBindings());
    }

    [Fact]
    public async Task Register_TenantOptsIntoBoth_ChallengesInTheTenantsOrder()
    {
        var snapshot = await Tenant.GetSnapshot();
        (await Tenant.Configure(snapshot!.Settings with { Policies = snapshot.Settings.Policies with { DigestAlgorithms = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5] } })).OrThrow();

        var challenges = await ChallengesAsync("1001");

        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.StartsWith("SIP/2.0 200", await AnswerAsync("1001", challenges[1]), StringComparison.Ordinal);
    }

    private IExtensionGrain Extension(string number) => _silo.GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For(TenantId, number));

    /// <summary>Sends a REGISTER without credentials; the WWW-Authenticate values of the 401, in order.</summary>
    private async Task<IReadOnlyList<string>> ChallengesAsync(string user)
    {
        var response = await RegisterAsync(user, authorization: null);
        Assert.StartsWith("SIP/2.0 401", response, StringComparison.Ordinal);
        return [.. ChallengePattern().Matches(response).Select(m => m.Groups[1].Value)];
    }

    /// <summary>Answers <paramref name="challenge"/> as a phone would (the trunk side's digest client does the hashing).</summary>
    private Task<string> AnswerAsync(string user, string challenge, string? digestUri = null, int expires = 0) =>
        RegisterAsync(user, TrunkDigest.Answer(challenge, user, Password, "REGISTER", digestUri ?? $"sip:{Domain}"), expires);

    private async Task<string> RegisterAsync(string user, string? authorization, int expires = 0, int? edgePort = null)
    {
        var local = (IPEndPoint)_phone.LocalEndPoint!;
        var branch = "z9hG4bK-" + Guid.NewGuid().ToString("N");
        var message = new StringBuilder()
            .Append($"REGISTER sip:{Domain} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/UDP 127.0.0.1:{local.Port};branch={branch};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"To: <sip:{user}@{Domain}>\r\nFrom: <sip:{user}@{Domain}>;tag=t{user}\r\n")
            .Append($"Call-ID: digest-{user}@test\r\nCSeq: {Interlocked.Increment(ref _cseq)} REGISTER\r\n")
            .Append($"Contact: <sip:{user}@127.0.0.1:{local.Port}>\r\nExpires: {expires}\r\n")
            .Append(authorization is null ? string.Empty : $"Authorization: {authorization}\r\n")
            .Append("Content-Length: 0\r\n\r\n")
            .ToString();
        await _phone.SendToAsync(Encoding.ASCII.GetBytes(message), SocketFlags.None, new IPEndPoint(IPAddress.Loopback, edgePort ?? _silo.SipPort));

        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var received = await _phone.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            var response = Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes);
            if (response.Contains(branch, StringComparison.Ordinal) && !response.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return response;
            }
        }
    }

    [GeneratedRegex("^WWW-Authenticate: (.*)\r$", RegexOptions.Multiline)]
    private static partial Regex ChallengePattern();
}
