using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Switchboard.Sip.Transports;

/// <summary>
/// One TCP or TLS connection: a framing read loop over a <see cref="PipeReader"/> and serialized writes. Broken or
/// misframed connections are closed, never reused (a stream that lost framing cannot be resynchronised).
/// </summary>
internal sealed class SipConnection : IAsyncDisposable
{
    // RFC 5626 §4.4.1: the pong is a single CRLF.
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeProvider _time;
    private readonly SipTransportStats _stats;
    private readonly ILogger _logger;
    private long _lastActivityTicks;
    private int _closed;

    public SipConnection(long id, SipTransportKind kind, Socket socket, Stream stream, TimeProvider time, SipTransportStats stats, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _stream = stream;
        _time = time;
        _stats = stats;
        _logger = logger;
        var remote = SipAddresses.Normalize(socket.RemoteEndPoint)!;
        EndPoint = new SipEndPoint(kind, remote, SipAddresses.Normalize(socket.LocalEndPoint), id);
        Touch();
    }

    public long Id { get; }

    public SipEndPoint EndPoint { get; }

    /// <summary>
    /// For a TLS connection we opened, the name the peer's certificate was checked against (RFC 5922 §4); null for
    /// one the peer opened, or plain TCP: no server identity was verified on it.
    /// </summary>
    public string? ServerName { get; init; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public DateTimeOffset LastActivity => new(Volatile.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>Runs until the peer closes, framing breaks, or <see cref="Close"/> is called. Never throws.</summary>
    public async Task RunAsync(int maxMessageSize, SipMessageHandler handler)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true));
        var reason = "closed by peer";
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                Touch();
                var status = Drain(ref buffer, maxMessageSize, handler, out var unframed);

                // Built before the pipe is advanced: the header block lives in the pipe's memory.
                var answer = status == SipFrameStatus.Malformed && !unframed.IsEmpty ? SipStreamRejection.Answer(unframed) : null;
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (status is SipFrameStatus.Malformed or SipFrameStatus.TooLarge)
                {
                    SipTransportLog.Dropped(_logger, EndPoint.Kind, EndPoint.Remote, status);
                    reason = status.ToString();
                    if (answer is not null)
                    {
                        // The 400 goes out before the close (RFC 3261 §18.3): the peer learns why, not just that.
                        await SendAsync(answer, _closing.Token).ConfigureAwait(false);
                    }

                    return;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = "closed locally";
        }
        catch (Exception ex)
        {
            // Broken pipes and resets are routine; anything else is a bug, but it still must not escape the loop.
            _stats.ReceiveError();
            SipTransportLog.ReceiveError(_logger, ex, EndPoint.Kind);
            reason = ex.GetType().Name;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            SipTransportLog.ConnectionClosed(_logger, EndPoint.Kind, Id, EndPoint.Remote, reason);
            Close();
        }
    }

    private SipFrameStatus Drain(ref ReadOnlySequence<byte> buffer, int maxMessageSize, SipMessageHandler handler, out ReadOnlySequence<byte> unframed)
    {
        unframed = default;
        while (true)
        {
            var status = SipStreamFramer.TryReadMessage(ref buffer, maxMessageSize, out var message);
            switch (status)
            {
                case SipFrameStatus.Message:
                    Deliver(message, handler);
                    break;
                case SipFrameStatus.KeepAlivePing:
                    _stats.KeepAlive();
                    _ = SendAsync(Pong, CancellationToken.None);
                    break;
                case SipFrameStatus.Malformed:
                    _stats.Malformed();
                    unframed = message;
                    return status;
                case SipFrameStatus.TooLarge:
                    _stats.Oversized();
                    return status;
                default:
                    return status;
            }
        }
    }

    private void Deliver(ReadOnlySequence<byte> message, SipMessageHandler handler)
    {
        var length = (int)message.Length;
        _stats.Received(length);
        byte[]? rented = null;
        try
        {
            ReadOnlyMemory<byte> contiguous;
            if (message.IsSingleSegment)
            {
                contiguous = message.First;
            }
            else
            {
                // The handler wants one span; a message straddling pipe segments is copied once into a pooled buffer.
                rented = ArrayPool<byte>.Shared.Rent(length);
                message.CopyTo(rented);
                contiguous = rented.AsMemory(0, length);
            }

            handler(contiguous, EndPoint);
        }
        catch (Exception ex)
        {
            _stats.HandlerFailed();
            SipTransportLog.HandlerFailed(_logger, ex, EndPoint.Kind, EndPoint.Remote);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes one message; messages from concurrent senders never interleave. False if the connection broke.</summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (IsClosed)
        {
            return false;
        }

        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // Nothing was written yet, so the stream is still framed: fail this send, keep the connection.
            _stats.SendFailed();
            return false;
        }

        try
        {
            try
            {
                await _stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            Touch();
            _stats.Sent(message.Length);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            _stats.SendFailed();
            SipTransportLog.SendFailed(_logger, ex, EndPoint.Kind, EndPoint.Remote);
            Close();
            return false;
        }
    }

    private void Touch() => Volatile.Write(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Aborts the connection; the read loop ends and the owner forgets it. Idempotent.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _stats.Closed();
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        Closed?.Invoke(this);
    }

    /// <summary>Raised once when the connection closes, so the transport drops it from its tables.</summary>
    public event Action<SipConnection>? Closed;

    public async ValueTask DisposeAsync()
    {
        Close();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
        _closing.Dispose();
    }
}
