using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Transport;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// Client transactions by branch and CSeq method (RFC 3261 §17.1.3), so a CANCEL sharing its INVITE's branch is
/// its own transaction. A finished transaction stays 32 s so retransmitted final responses still find it (its
/// handler re-sends the ACK).
/// </summary>
public sealed class ClientTransactionTable(SipOutbound outbound, TimeProvider timeProvider, SipTransactionMetrics metrics, ILogger<ClientTransactionTable> logger)
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(32);
    private readonly ConcurrentDictionary<string, ClientTransaction> _transactions = new(StringComparer.Ordinal);

    public int Count => _transactions.Count;

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="destination"/> and runs its transaction.
    /// <paramref name="beforeSend"/> sees the transaction before the first byte leaves: a response can arrive (and
    /// its handler run) before this method returns.
    /// </summary>
    public ClientTransaction Start(SipRequest request, byte[] bytes, SipEndPoint destination, Func<SipResponse, Task> handler, Action<ClientTransaction>? beforeSend = null)
    {
        var key = Key(request.TopVia?.Branch, request.CSeq.Method.Name);
        var transaction = new ClientTransaction(key, request, bytes, destination, Guarded(handler, request));
        beforeSend?.Invoke(transaction);
        _transactions[key] = transaction;
        metrics.ClientTransactionStarted();
        _ = RunAsync(transaction, request.Method.Name);
        return transaction;
    }

    /// <summary>Routes a response to its transaction; false when none matches (a stray, dropped per §18.1.2).</summary>
    public bool Deliver(SipResponse response)
    {
        var key = Key(response.TopVia?.Branch, response.CSeq.Method.Name);
        if (!_transactions.TryGetValue(key, out var transaction))
        {
            return false;
        }

        transaction.Deliver(response);
        return true;
    }

    /// <summary>A failing handler is logged and the next response still handled; it must not end the pump silently.</summary>
    private Func<SipResponse, Task> Guarded(Func<SipResponse, Task> handler, SipRequest request) => async response =>
    {
        try
        {
            await handler(response);
        }
        catch (Exception ex)
        {
            EdgeLog.HandlerFailed(logger, ex, response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), request.CallId);
        }
    };

    private static string Key(string? branch, string method) => string.Concat(branch ?? string.Empty, "|", method);

    private async Task RunAsync(ClientTransaction transaction, string method)
    {
        var pump = transaction.PumpAsync();
        var sends = 0;
        await transaction.RetransmitAsync(
            () =>
            {
                if (sends++ > 0)
                {
                    metrics.RetransmissionSent();
                }

                return outbound.SendAsync(transaction.Bytes, transaction.Destination, method).AsTask();
            },
            timeProvider);
        await transaction.Final;
        await Task.Delay(Linger, timeProvider);
        transaction.Complete();
        await pump;
        _transactions.TryRemove(new KeyValuePair<string, ClientTransaction>(transaction.Key, transaction));
    }
}
