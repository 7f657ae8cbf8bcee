using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Switchboard.Sip.Auth;

namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// A SIP phone on a raw UDP socket bound to one loopback address (127.0.0.2, 127.0.0.3…: all of 127/8 is loopback
/// on Linux), so tests can play phones and scanners at different source addresses. Speaks just enough SIP for
/// digest-authenticated REGISTER and INVITE (RFC 3261 §22).
/// </summary>
public sealed partial class LoopbackPhone : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _edge;
    private readonly string _userAgent;

    public LoopbackPhone(string address, IPEndPoint edge, string userAgent = "Test Phone 1.0")
    {
        _edge = edge;
        _userAgent = userAgent;
        _socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        Local = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint Local { get; }

    /// <summary>REGISTER <paramref name="user"/>@<paramref name="domain"/>, answering a 401; the final status, or null when the edge stays silent.</summary>
    public async Task<int?> RegisterAsync(string user, string password, string domain, TimeSpan wait)
    {
        var callId = NewId();
        var uri = $"sip:{domain}";
        var first = await ExchangeAsync(Register(user, domain, callId, 1, null), callId, wait);
        if (first is null || Status(first) != 401)
        {
            return first is null ? null : Status(first);
        }

        var answer = DigestClient.Answer(Challenge(first, "WWW-Authenticate"), user, password, "REGISTER", uri);
        var second = await ExchangeAsync(Register(user, domain, callId, 2, $"Authorization: {answer}\r\n"), callId, wait);
        return second is null ? null : Status(second);
    }

    /// <summary>
    /// INVITE <paramref name="callee"/> as <paramref name="user"/> and answer the 407 with credentials; the status of
    /// the first final response (407 when the challenge came and was answered; where the call goes, the caller of
    /// this finds out at the callee), or null when the edge stays silent.
    /// </summary>
    public async Task<int?> InviteAsync(string user, string password, string domain, string callee, TimeSpan wait)
    {
        var callId = NewId();
        var uri = $"sip:{callee}@{domain}";
        var first = await ExchangeAsync(Invite(user, domain, uri, callId, 1, null), callId, wait);
        if (first is null || Status(first) != 407)
        {
            return first is null ? null : Status(first);
        }

        // RFC 3261 §17.1.1.3: the ACK for a non-2xx final response, with the INVITE's branch.
        await SendAsync(Ack(first, uri));
        var answer = DigestClient.Answer(Challenge(first, "Proxy-Authenticate"), user, password, "INVITE", uri);
        await SendAsync(Invite(user, domain, uri, callId, 2, $"Proxy-Authorization: {answer}\r\n"));
        return 407;
    }

    /// <summary>
    /// INVITE <paramref name="callee"/> without credentials: the first response of any kind (a 100 Trying counts), or
    /// null when the edge stays silent. A 407 that comes is ACKed; the call goes no further.
    /// </summary>
    public async Task<string?> FirstAnswerToInviteAsync(string user, string domain, string callee, TimeSpan wait)
    {
        var callId = NewId();
        var uri = $"sip:{callee}@{domain}";
        await SendAsync(Invite(user, domain, uri, callId, 1, null));
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline && await ReceiveAsync(deadline - DateTime.UtcNow) is { } message)
        {
            if (message.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && message.Contains($"Call-ID: {callId}", StringComparison.Ordinal))
            {
                if (Status(message) == 407)
                {
                    await SendAsync(Ack(message, uri));
                }

                return message;
            }
        }

        return null;
    }

    /// <summary>OPTIONS to the edge; the status, or null when the edge stays silent.</summary>
    public async Task<int?> OptionsAsync(TimeSpan wait)
    {
        var callId = NewId();
        var message = $"OPTIONS sip:{_edge} SIP/2.0\r\n{Via(NewId())}Max-Forwards: 70\r\nTo: <sip:{_edge}>\r\n" +
            $"From: <sip:probe@{Local.Address}>;tag=o1\r\nCall-ID: {callId}\r\nCSeq: 1 OPTIONS\r\nUser-Agent: {_userAgent}\r\nContent-Length: 0\r\n\r\n";
        var response = await ExchangeAsync(message, callId, wait);
        return response is null ? null : Status(response);
    }

    /// <summary>The next datagram, or null after <paramref name="wait"/>.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan wait)
    {
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, result.ReceivedBytes);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public Task SendAsync(string message) => _socket.SendToAsync(Encoding.ASCII.GetBytes(message), SocketFlags.None, _edge);

    public void Dispose() => _socket.Dispose();

    /// <summary>Sends <paramref name="request"/> and returns its final response (1xx skipped), or null after <paramref name="wait"/>.</summary>
    private async Task<string?> ExchangeAsync(string request, string callId, TimeSpan wait)
    {
        await SendAsync(request);
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (message is null)
            {
                return null;
            }

            if (message.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && message.Contains($"Call-ID: {callId}", StringComparison.Ordinal)
                && Status(message) >= 200)
            {
                return message;
            }
        }

        return null;
    }

    private string Register(string user, string domain, string callId, int cseq, string? authorization) =>
        $"REGISTER sip:{domain} SIP/2.0\r\n{Via(NewId())}Max-Forwards: 70\r\nTo: <sip:{user}@{domain}>\r\n" +
        $"From: <sip:{user}@{domain}>;tag=r{cseq}\r\nCall-ID: {callId}\r\nCSeq: {cseq} REGISTER\r\n" +
        $"Contact: <sip:{user}@{Local}>\r\nExpires: 300\r\nUser-Agent: {_userAgent}\r\n{authorization}Content-Length: 0\r\n\r\n";

    private string Invite(string user, string domain, string uri, string callId, int cseq, string? authorization) =>
        $"INVITE {uri} SIP/2.0\r\n{Via(callId + cseq)}Max-Forwards: 70\r\nTo: <{uri}>\r\n" +
        $"From: <sip:{user}@{domain}>;tag=i{callId}\r\nCall-ID: {callId}\r\nCSeq: {cseq} INVITE\r\n" +
        $"Contact: <sip:{user}@{Local}>\r\nUser-Agent: {_userAgent}\r\n{authorization}Content-Length: 0\r\n\r\n";

    private string Ack(string response, string uri)
    {
        var header = (string name) => HeaderLine().Matches(response).Where(m => m.Groups[1].Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value}").First();
        var cseq = int.Parse(CSeqNumber().Match(header("CSeq")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return $"ACK {uri} SIP/2.0\r\n{header("Via")}\r\nMax-Forwards: 70\r\n{header("To")}\r\n{header("From")}\r\n{header("Call-ID")}\r\n" +
            $"CSeq: {cseq} ACK\r\nContent-Length: 0\r\n\r\n";
    }

    private string Via(string branch) => $"Via: SIP/2.0/UDP {Local};branch=z9hG4bK{branch};rport\r\n";

    private static DigestChallenge Challenge(string response, string header)
    {
        var values = HeaderLine().Matches(response).Where(m => m.Groups[1].Value.Equals(header, StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Groups[2].Value.Trim());
        return DigestClient.Choose(values, [DigestAlgorithm.Sha256, DigestAlgorithm.Md5]) ?? throw new InvalidOperationException($"no {header} in {response}");
    }

    public static int Status(string response) => int.Parse(response.AsSpan(8, 3), provider: System.Globalization.CultureInfo.InvariantCulture);

    private static string NewId() => Guid.NewGuid().ToString("N")[..16];

    [GeneratedRegex(@"^([A-Za-z-]+):[ \t]*(.*?)\r?$", RegexOptions.Multiline)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^CSeq:\s*(\d+)")]
    private static partial Regex CSeqNumber();
}
