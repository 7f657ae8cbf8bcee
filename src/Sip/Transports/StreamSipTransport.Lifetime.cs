namespace Switchboard.Sip.Transports;

public sealed partial class StreamSipTransport
{
    /// <summary>Runs on the idle timer: closes connections silent for longer than the idle timeout.</summary>
    private void CloseIdleConnections()
    {
        var cutoff = _time.GetUtcNow() - _options.ConnectionIdleTimeout;
        foreach (var connection in _byId.Values)
        {
            if (connection.LastActivity <= cutoff && !connection.IsClosed)
            {
                Stats.IdleClosed();
                connection.Close();
            }
        }
    }

    private int _disposed;

    /// <summary>Stops accepting, closes every connection and waits for their loops. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_idleTimer is not null)
        {
            await _idleTimer.DisposeAsync().ConfigureAwait(false);
        }

        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        foreach (var connection in _byId.Values)
        {
            connection.Close();
        }

        await Task.WhenAll(_loops.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
