using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace Switchboard.Sip.Transports;

/// <summary>
/// SIP over TCP or TLS (RFC 3261 §18): a listener, the connections it accepted and the ones it opened, reused per
/// remote end point, framed by Content-Length, closed when idle.
/// </summary>
public sealed partial class StreamSipTransport : ISipTransport
{
    private readonly IPEndPoint _bindTo;
    private readonly SipTransportOptions _options;
    private readonly SipMessageHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SipTlsSettings? _tls;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, SipConnection> _byId = new();
    private readonly ConcurrentDictionary<IPEndPoint, SipConnection> _byRemote = new();
    private readonly ConcurrentDictionary<long, Task> _loops = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private ITimer? _idleTimer;
    private long _nextConnectionId;

    private StreamSipTransport(SipTransportKind kind, IPEndPoint bindTo, SipTransportOptions options, SipMessageHandler handler, TimeProvider time, ILogger logger, SipTlsSettings? tls)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Kind = kind;
        _bindTo = bindTo;
        _options = options;
        _handler = handler;
        _time = time;
        _logger = logger;
        _tls = tls;
    }

    public static StreamSipTransport CreateTcp(IPEndPoint bindTo, SipTransportOptions options, SipMessageHandler handler, TimeProvider time, ILogger<StreamSipTransport> logger) =>
        new(SipTransportKind.Tcp, bindTo, options, handler, time, logger, null);

    public static StreamSipTransport CreateTls(IPEndPoint bindTo, SipTransportOptions options, SipTlsSettings tls, SipMessageHandler handler, TimeProvider time, ILogger<StreamSipTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return new(SipTransportKind.Tls, bindTo, options, handler, time, logger, tls);
    }

    public SipTransportKind Kind { get; }

    public IPEndPoint? LocalEndPoint { get; private set; }

    public SipTransportStats Stats { get; } = new();

    /// <summary>Connections currently open, accepted or opened by us.</summary>
    public int ConnectionCount => _byId.Count;

    private bool DualMode => _listener is { AddressFamily: AddressFamily.InterNetworkV6, DualMode: true };

    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The transport is already started.");
        }

        var listener = new Socket(_bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_bindTo.AddressFamily == AddressFamily.InterNetworkV6 && _bindTo.Address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            listener.Bind(_bindTo);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        var sweep = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 100, _options.ConnectionIdleTimeout.Ticks / 4));
        _idleTimer = _time.CreateTimer(static state => ((StreamSipTransport)state!).CloseIdleConnections(), this, sweep, sweep);
        SipTransportLog.Listening(_logger, Kind, LocalEndPoint);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public bool CanReach(IPEndPoint remote) => SipAddresses.CanReach(LocalEndPoint, DualMode, remote);

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                Stats.ReceiveError();
                SipTransportLog.ReceiveError(_logger, ex, Kind);
                continue;
            }

            if (_byId.Count >= _options.MaxConnections)
            {
                Stats.Rejected();
                SipTransportLog.ConnectionRejected(_logger, Kind, SipAddresses.Normalize(socket.RemoteEndPoint), _options.MaxConnections);
                socket.Dispose();
                continue;
            }

            Stats.Accepted();
            var id = Interlocked.Increment(ref _nextConnectionId);
            Track(id, Task.Run(() => RunAcceptedAsync(id, socket, token)));
        }
    }

    private async Task RunAcceptedAsync(long id, Socket socket, CancellationToken token)
    {
        try
        {
            socket.NoDelay = true;
            var stream = await OpenServerStreamAsync(socket, token).ConfigureAwait(false);
            if (stream is null)
            {
                socket.Dispose();
                return;
            }

            var connection = new SipConnection(id, Kind, socket, stream, _time, Stats, _logger);
            Register(connection);
            await RunAsync(connection).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // e.g. the peer reset before we asked for its address: count it, never let it escape the loop.
            Stats.ReceiveError();
            SipTransportLog.ReceiveError(_logger, ex, Kind);
            socket.Dispose();
        }
        finally
        {
            _loops.TryRemove(id, out _);
        }
    }

    /// <summary>The plain network stream for TCP; for TLS the server side of the handshake, within the connect timeout.</summary>
    private async Task<Stream?> OpenServerStreamAsync(Socket socket, CancellationToken token)
    {
        var network = new NetworkStream(socket, ownsSocket: false);
        if (_tls is null)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            var options = new SslServerAuthenticationOptions { ServerCertificate = _tls.ServerCertificate, ClientCertificateRequired = false };
            await ssl.AuthenticateAsServerAsync(options, timeout.Token).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Stats.HandshakeFailed();
            SipTransportLog.HandshakeFailed(_logger, ex, SipAddresses.Normalize(socket.RemoteEndPoint) ?? _bindTo);
            await ssl.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Makes the connection findable for sends: by id, and by remote end point for reuse.</summary>
    private void Register(SipConnection connection)
    {
        connection.Closed += Forget;
        _byId[connection.Id] = connection;

        // The newest connection to a peer wins; RFC 3261 §18.2.2 responses still use the one named by ConnectionId.
        _byRemote[connection.EndPoint.Remote] = connection;
        if (_stopping.IsCancellationRequested)
        {
            connection.Close();
        }
    }

    private async Task RunAsync(SipConnection connection)
    {
        await connection.RunAsync(_options.MaxMessageSize, _handler).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Remembers a connection loop so disposal can wait for it; the loop removes itself when done.</summary>
    private void Track(long id, Task loop)
    {
        _loops[id] = loop;
        if (loop.IsCompleted)
        {
            // The loop finished before it was added, so its own removal already ran.
            _loops.TryRemove(id, out _);
        }
    }

    private void Forget(SipConnection connection)
    {
        _byId.TryRemove(connection.Id, out _);
        _byRemote.TryRemove(new KeyValuePair<IPEndPoint, SipConnection>(connection.EndPoint.Remote, connection));
    }
}
