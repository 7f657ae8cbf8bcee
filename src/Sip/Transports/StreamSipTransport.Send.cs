using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Switchboard.Sip.Transports;

public sealed partial class StreamSipTransport
{
    private readonly ConcurrentDictionary<(IPEndPoint Remote, string? Name), Lazy<Task<SipConnection?>>> _connecting = new();

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

        // Only TLS has a server identity to check; over TCP a name changes nothing.
        var name = _tls is null ? null : destination.ServerName;
        var connection = Find(destination.ConnectionId, remote, name) ?? await ConnectAsync(remote, name).ConfigureAwait(false);
        if (connection is null)
        {
            Stats.SendFailed();
            return false;
        }

        return await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An open connection to <paramref name="remote"/>; when a server <paramref name="name"/> is wanted, only one we
    /// opened and checked against that name (RFC 5922 §4): a connection the peer opened proved no identity.
    /// </summary>
    private SipConnection? Find(long connectionId, IPEndPoint remote, string? name)
    {
        if (connectionId != 0 && _byId.TryGetValue(connectionId, out var byId) && !byId.IsClosed && byId.EndPoint.Remote.Equals(remote) && Serves(byId, name))
        {
            return byId;
        }

        return _byRemote.TryGetValue(remote, out var byRemote) && !byRemote.IsClosed && Serves(byRemote, name) ? byRemote : null;
    }

    private static bool Serves(SipConnection connection, string? name) =>
        name is null || string.Equals(connection.ServerName, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens one connection per remote and name even when several sends race for it.</summary>
    private async Task<SipConnection?> ConnectAsync(IPEndPoint remote, string? name)
    {
        var key = (remote, name);
        var pending = _connecting.GetOrAdd(key, k => new Lazy<Task<SipConnection?>>(() => ConnectCoreAsync(k.Remote, k.Name)));
        try
        {
            return await pending.Value.ConfigureAwait(false);
        }
        finally
        {
            _connecting.TryRemove(new KeyValuePair<(IPEndPoint, string?), Lazy<Task<SipConnection?>>>(key, pending));
        }
    }

    private async Task<SipConnection?> ConnectCoreAsync(IPEndPoint remote, string? name)
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
                // RFC 5922 §4 / RFC 6125: SNI and the certificate check use the configured name, so a certificate
                // for another host is refused even when DNS sent us to an address that presents it.
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = name ?? remote.Address.ToString(),
                    RemoteCertificateValidationCallback = _tls.ValidateServerCertificate,
                    CertificateChainPolicy = _tls.ChainPolicy(),
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
        var connection = new SipConnection(id, Kind, socket, stream, _time, Stats, _logger) { ServerName = _tls is null ? null : name ?? remote.Address.ToString() };
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
