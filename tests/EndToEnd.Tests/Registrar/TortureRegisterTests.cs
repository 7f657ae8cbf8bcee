using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Edge.Auth;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.Grains.Extensions;

namespace Switchboard.EndToEnd.Tests.Registrar;

/// <summary>
/// The valid RFC 4475 REGISTERs against a real registrar, with their address-of-record moved to the test tenant
/// (extension 1003 of e2e.test; the Contacts are left as the RFC wrote them): an Authorization in a scheme nobody
/// knows is answered with a digest challenge (regaut01), and once the phone answers the challenge each Contact is
/// bound exactly as RFC 3261 §20.10 reads it: a parameter after an unbracketed URI belongs to the header, one inside
/// the brackets to the URI (cparam01, cparam02), an escaped header stays in the URI (regescrt), and two Contacts
/// that differ only in escaped NULs are two bindings (escnull).
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed partial class TortureRegisterTests(EdgeCluster cluster) : IAsyncLifetime
{
    private const string Extension = "1003";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly Socket _phone = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    /// <summary>Name, the user its To and From name, and the Contact URIs that must be bound (space-separated).</summary>
    public static TheoryData<string, string, string> Bound => new()
    {
        { "cparam01", "watson", "sip:+19725552222@gw1.example.net" },                            // §3.3.12
        { "cparam02", "watson", "sip:+19725552222@gw1.example.net;unknownparam" },               // §3.3.13
        { "regescrt", "user", "sip:user@example.com?Route=%3Csip:sip.example.com%3E" },           // §3.3.14
        { "escnull", "null-%00-null", "sip:%00@host5.example.com sip:%00%00@host5.example.com" }, // §3.1.1.4
    };

    public async Task InitializeAsync()
    {
        _phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await cluster.Provisioning.BindAsync(Extension);
    }

    public async Task DisposeAsync()
    {
        _phone.Dispose();

        // RegisterTests expects 1003 without bindings.
        await cluster.Provisioning.BindAsync(Extension);
    }

    [Fact]
    public async Task Regaut01_UnknownAuthorizationScheme_401WithADigestChallenge()
    {
        // §3.3.7: "A registrar that does care about challenge-response authentication will reject this request with a
        // 401, issuing a new challenge with a scheme it understands."
        var answer = await SendAsync(InTenant(Torture("regaut01"), "j.user"));

        Assert.StartsWith("SIP/2.0 401 ", answer, StringComparison.Ordinal);
        Assert.Matches("\r\nWWW-Authenticate: Digest realm=\"e2e.test\", [^\r]*algorithm=MD5", answer);
    }

    [Theory]
    [MemberData(nameof(Bound))]
    public async Task TortureRegister_ChallengeAnswered_ContactsBoundAsTheRfcReadsThem(string name, string user, string contacts)
    {
        var register = InTenant(Torture(name), user);
        var challenge = await SendAsync(register);
        Assert.StartsWith("SIP/2.0 401 ", challenge, StringComparison.Ordinal);

        var authorization = TrunkDigest.Answer(ChallengePattern().Match(challenge).Groups[1].Value, Extension, Provisioning.Password(Extension), "REGISTER", $"sip:{Provisioning.Domain}")
            ?? throw new Xunit.Sdk.XunitException($"The edge's challenge could not be answered: {challenge}");
        var answer = await SendAsync(Authorized(register, authorization));

        Assert.StartsWith("SIP/2.0 200 ", answer, StringComparison.Ordinal);
        var bindings = await cluster.Grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(Provisioning.TenantId, Extension)).GetBindings();
        Assert.Equal(contacts.Split(' ').Order(StringComparer.Ordinal), bindings.Select(b => b.ContactUri).Order(StringComparer.Ordinal));
    }

    private static string Torture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "rfc4475", name + ".sip"), Encoding.Latin1);

    /// <summary>The Request-URI, To and From moved to the test tenant's extension; everything else as the RFC wrote it.</summary>
    private static string InTenant(string message, string user)
    {
        var lines = message.Split("\r\n");
        lines[0] = lines[0].Replace("sip:example.com", $"sip:{Provisioning.Domain}", StringComparison.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("To:", StringComparison.OrdinalIgnoreCase) || lines[i].StartsWith("From:", StringComparison.OrdinalIgnoreCase))
            {
                lines[i] = lines[i].Replace($"sip:{user}@example.com", $"sip:{Extension}@{Provisioning.Domain}", StringComparison.Ordinal);
            }
        }

        return string.Join("\r\n", lines);
    }

    /// <summary>The same REGISTER as the next request of its Call-ID (§10.2.4: CSeq + 1) with the digest answer.</summary>
    private static string Authorized(string register, string authorization)
    {
        var next = CSeqPattern().Replace(register, m => $"CSeq: {long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1} REGISTER");
        var firstLine = next.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        return next.Insert(firstLine, $"Authorization: {authorization}\r\n");
    }

    /// <summary>Sends with a branch of its own (the corpus reuses one) and returns the final answer on that branch.</summary>
    private async Task<string> SendAsync(string message)
    {
        var branch = "z9hG4bK-" + Guid.NewGuid().ToString("N");
        var bytes = Encoding.Latin1.GetBytes(BranchPattern().Replace(message, "branch=" + branch, 1));
        await _phone.SendToAsync(bytes, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, cluster.Silo.SipPort));

        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var received = await _phone.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            var response = Encoding.Latin1.GetString(buffer, 0, received.ReceivedBytes);
            if (response.Contains(branch, StringComparison.Ordinal) && !response.StartsWith("SIP/2.0 1", StringComparison.Ordinal))
            {
                return response;
            }
        }
    }

    [GeneratedRegex("^WWW-Authenticate: (.*)\r$", RegexOptions.Multiline)]
    private static partial Regex ChallengePattern();

    [GeneratedRegex(@"^CSeq: (\d+) REGISTER", RegexOptions.Multiline)]
    private static partial Regex CSeqPattern();

    [GeneratedRegex(@"branch=[^;\s,]+")]
    private static partial Regex BranchPattern();
}
