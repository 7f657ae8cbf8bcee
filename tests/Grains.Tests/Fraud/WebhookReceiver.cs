using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Grains.Tests.Fraud;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 that answers each request with the next scripted status (the last one repeats)
/// and keeps what it got. <see cref="Verifies"/> checks a signature the way docs/admin-api.md tells receivers to.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int[] _statuses;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WebhookReceiver(params int[] statuses)
    {
        _statuses = statuses;
        Url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(string? Signature, string? AlertId, byte[] Body, DateTimeOffset At)> Requests { get; } = new();

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (Requests.Count < count && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(20);
        }

        Assert.True(Requests.Count >= count, $"expected {count} requests, got {Requests.Count}");
    }

    /// <summary>HMAC-SHA256(secret, t + "." + body) equals v1, and t is within 5 minutes of now.</summary>
    public static bool Verifies(string? header, string secret, byte[] body)
    {
        if (header is null)
        {
            return false;
        }

        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], CultureInfo.InvariantCulture);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > 300)
        {
            return false;
        }

        byte[] signed = [.. Encoding.ASCII.GetBytes(parts["t"] + "."), .. body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"]));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending accept.
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var index = Requests.Count;
            Requests.Enqueue((context.Request.Headers["Switchboard-Signature"], context.Request.Headers["Switchboard-Alert-Id"], body.ToArray(), DateTimeOffset.UtcNow));
            context.Response.StatusCode = _statuses[Math.Min(index, _statuses.Length - 1)];
            context.Response.Close();
        }
    }
}
