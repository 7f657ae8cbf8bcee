using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Edge.Tests.Support;

/// <summary>A phone on one TCP connection to the edge: writes raw bytes, reads whole responses; reads are bounded by a timeout.</summary>
public sealed class TcpPhone : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client = new(AddressFamily.InterNetwork);
    private readonly List<byte> _pending = [];

    private TcpPhone()
    {
    }

    public static async Task<TcpPhone> ConnectAsync(IPEndPoint edge)
    {
        var phone = new TcpPhone();
        await phone._client.ConnectAsync(edge);
        return phone;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    public Task SendAsync(byte[] bytes) => _client.GetStream().WriteAsync(bytes).AsTask();

    /// <summary>
    /// The next message the edge sent (headers and a Content-Length body), or null when the edge closed the
    /// connection before a whole one arrived.
    /// </summary>
    public async Task<string?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[4096];
        while (true)
        {
            if (TryTake(out var message))
            {
                return message;
            }

            int read;
            try
            {
                read = await _client.GetStream().ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    private bool TryTake(out string message)
    {
        message = string.Empty;
        var text = Encoding.ASCII.GetString(_pending.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = 0;
        foreach (var line in text[..end].Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var total = end + 4 + length;
        if (text.Length < total)
        {
            return false;
        }

        message = text[..total];
        _pending.RemoveRange(0, total);
        return true;
    }

    public void Dispose() => _client.Dispose();
}
