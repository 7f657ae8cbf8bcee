using System.Text;
using System.Threading.Channels;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

/// <summary>A <see cref="SipMessageHandler"/> that copies what it receives so tests can await it (bounded by a timeout).</summary>
internal sealed class MessageSink
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Channel<(string Text, SipEndPoint Source)> _received = Channel.CreateUnbounded<(string, SipEndPoint)>();

    public SipMessageHandler Handler => (message, source) => _received.Writer.TryWrite((Encoding.UTF8.GetString(message.Span), source));

    public async Task<(string Text, SipEndPoint Source)> NextAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await _received.Reader.ReadAsync(cts.Token);
    }

    public bool TryTake(out (string Text, SipEndPoint Source) item) => _received.Reader.TryRead(out item);

    public static string Message(string body = "") =>
        "OPTIONS sip:edge@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK776asdhds\r\n" +
        $"Call-ID: a84b4c76e66710\r\nCSeq: 1 OPTIONS\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds; for effects of another thread such as a counter.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
