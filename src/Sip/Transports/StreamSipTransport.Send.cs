using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Switchboard.Sip.Transports;

public sealed partial class StreamSipTransport
{
    private readonly ConcurrentDictionary<IPEndPoint, Lazy<Task<SipConnection?>>> _connecting = new();

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        if (_listener is null)
        {
            throw new InvalidOperationException("The transport is not started.");
        }

        var remote = SipAddresses.Normalize(destination.Remote);
        if (message.Length > _options.MaxMessageSize || !CanReach(remote))
        {
            Stats.SendFailed();
            return false;
        }

        var connection = Find(destination.ConnectionId, remote) ?? await ConnectAsync(remote).ConfigureAwait(false);
        if (connection is null)
        {
            Stats.SendFailed();
            return false;
        }

        return await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private SipConnection? Find(long connectionId, IPEndPoint remote)
    {
        if (connectionId != 0 && _byId.TryGetValue(connectionId, out var byId) && !byId.IsClosed && byId.EndPoint.Remote.Equals(remote))
        {
            return byId;
        }

        return _byRemote.TryGetValue(remote, out var byRemote) && !byRemote.IsClosed ? byRemote : null;
    }

    /// <summary>Opens one connection per remote even when several sends race for it.</summary>
    private async Task<SipConnection?> ConnectAsync(IPEndPoint remote)
    {
        var pending = _connecting.GetOrAdd(remote, r => new Lazy<Task<SipConnection?>>(() => ConnectCoreAsync(r)));
        try
        {
            return await pending.Value.ConfigureAwait(false);
        }
        finally
        {
            _connecting.TryRemove(new KeyValuePair<IPEndPoint, Lazy<Task<SipConnection?>>>(remote, pending));
        }
    }

    private async Task<SipConnection?> ConnectCoreAsync(IPEndPoint remote)
    {
        // Not the caller's token: other senders may be waiting on this same connect.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (_tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = remote.Address.ToString(),
                    RemoteCertificateValidationCallback = _tls.ValidateServerCertificate,
                };
                await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            if (ex is AuthenticationException)
            {
                Stats.HandshakeFailed();
            }

            SipTransportLog.SendFailed(_logger, ex, Kind, remote);
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            return null;
        }

        Stats.Opened();
        var id = Interlocked.Increment(ref _nextConnectionId);
        var connection = new SipConnection(id, Kind, socket, stream, _time, Stats, _logger);
        Register(connection);
        Track(id, Task.Run(async () =>
        {
            try
            {
                await RunAsync(connection).ConfigureAwait(false);
            }
            finally
            {
                _loops.TryRemove(id, out _);
            }
        }));
        return connection;
    }
}
