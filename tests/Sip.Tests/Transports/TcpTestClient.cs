using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.Sip.Tests.Transports;

/// <summary>A raw TCP peer for feeding a transport arbitrary bytes; reads are bounded by a timeout.</summary>
internal sealed class TcpTestClient : IDisposable
{
    private readonly TcpClient _client = new(AddressFamily.InterNetwork);

    public static async Task<TcpTestClient> ConnectAsync(IPEndPoint server)
    {
        var client = new TcpTestClient();
        await client._client.ConnectAsync(server);
        return client;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    public Task WriteAsync(string text) => _client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    /// <summary>Reads until <paramref name="length"/> bytes arrived or the peer closed; bounded by 10 s.</summary>
    public async Task<string> ReadAsync(int length)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await _client.GetStream().ReadAsync(buffer.AsMemory(read), cts.Token);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>True when the server closed the connection within 10 s.</summary>
    public async Task<bool> WasClosedAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                if (await _client.GetStream().ReadAsync(buffer, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
