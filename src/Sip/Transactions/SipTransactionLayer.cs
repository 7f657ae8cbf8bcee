using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

/// <summary>
/// The RFC 3261 §17 transaction layer of one edge: the table of client and server transactions, fed with every
/// parsed incoming message (<see cref="Process"/>), and the way requests leave (<c>SendRequest</c>).
/// Thread-safe; timers run on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SipTransactionLayer : IDisposable
{
    private readonly ConcurrentDictionary<string, SipServerTransaction> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipClientTransaction> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SipServerTransaction> _merge = new(StringComparer.Ordinal);
    private readonly SipMessageSender _sender;

    public SipTransactionLayer(IOptions<SipTransactionOptions> options, SipMessageSender sender, TimeProvider timeProvider, SipParser? parser = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var validation = new SipTransactionOptionsValidator().Validate(null, options.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(SipTransactionOptions.SectionName, typeof(SipTransactionOptions), validation.Failures);
        }

        Options = options.Value;
        _sender = sender;
        Timers = new TransactionTimers(timeProvider);
        Parser = parser ?? new SipParser();
    }

    /// <summary>
    /// A server transaction ended abnormally: no ACK (Timer H), a transport error, or the TU never answered.
    /// Raised outside the transaction's lock.
    /// </summary>
    public event Action<SipServerTransaction, SipTransactionError>? ServerTransactionFailed;

    /// <summary>
    /// A timer resent a request (Timer A or E) or a final response (Timer G): the first sign of packet loss.
    /// Raised on the timer's thread with the transaction's lock held; keep it cheap (a counter).
    /// </summary>
    public event Action<SipTransaction>? RetransmissionSent;

    /// <summary>A <see cref="SipResponseHandler"/> threw; the response is still valid during the call. Delivery goes on.</summary>
    public event Action<SipClientTransaction, SipResponse, Exception>? ResponseHandlerFailed;

    public int ServerTransactionCount => _servers.Count;

    public int ClientTransactionCount => _clients.Count;

    internal SipTransactionOptions Options { get; }

    internal TransactionTimers Timers { get; }

    internal SipParser Parser { get; }

    /// <summary>Feeds one parsed incoming message (request or response) with the end point it came from.</summary>
    public SipIncomingResult Process(SipMessage message, SipEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            SipRequest request => ProcessRequest(request, source),
            SipResponse response => ProcessResponse(response),
            _ => throw new ArgumentException("Unknown message type.", nameof(message)),
        };
    }

    /// <summary>
    /// Starts a client transaction: sends <paramref name="request"/> to <paramref name="destination"/> and retransmits
    /// it as §17.1 requires. The request's top Via needs an RFC 3261 branch (§8.1.1.7), unique per transaction.
    /// </summary>
    /// <param name="onProvisional">Called for each 1xx while the response is valid (copy what you keep).</param>
    public SipClientTransaction SendRequest(SipRequest request, SipEndPoint destination, Action<SipClientTransaction, SipResponse>? onProvisional = null) =>
        Start(request, destination, onProvisional, null);

    /// <summary>
    /// Starts a client transaction whose responses reach <paramref name="onResponse"/> one at a time in arrival
    /// order: provisionals, the final, and for INVITE every further 2xx while Accepted (RFC 6026 §8.4). The
    /// transaction is passed to the handler, so a response arriving before this method returns is not lost on a
    /// TU that has yet to store the return value.
    /// </summary>
    public SipClientTransaction SendRequest(SipRequest request, SipEndPoint destination, SipResponseHandler onResponse)
    {
        ArgumentNullException.ThrowIfNull(onResponse);
        return Start(request, destination, null, onResponse);
    }

    private SipClientTransaction Start(SipRequest request, SipEndPoint destination, Action<SipClientTransaction, SipResponse>? onProvisional, SipResponseHandler? onResponse)
    {
        ArgumentNullException.ThrowIfNull(request);
        var branch = request.TopVia?.Branch;
        if (branch is null || request.TopVia!.HasRfc3261Branch is false)
        {
            throw new ArgumentException("The top Via needs a branch starting with z9hG4bK (RFC 3261 §8.1.1.7).", nameof(request));
        }

        if (request.Method.Kind == SipMethodKind.Ack)
        {
            throw new ArgumentException("ACK is not sent in a client transaction (RFC 3261 §17.1.1.3, §13.2.2.4).", nameof(request));
        }

        var key = SipTransactionKeys.Client(branch, request.Method);
        var transaction = new SipClientTransaction(this, key, request, destination, onProvisional, onResponse);
        if (!_clients.TryAdd(key, transaction))
        {
            throw new InvalidOperationException($"A client transaction with branch {branch} and method {request.Method} already exists.");
        }

        transaction.Start();
        return transaction;
    }

    private SipIncomingResult ProcessResponse(SipResponse response)
    {
        // §17.1.3: match on the top Via branch and the CSeq method (a CANCEL shares the INVITE's branch).
        var branch = response.TopVia?.Branch;
        if (branch is not null && _clients.TryGetValue(SipTransactionKeys.Client(branch, response.CSeq.Method), out var client))
        {
            var kind = client.OnResponse(response) ? SipIncomingKind.AcceptedResponse : SipIncomingKind.ResponseConsumed;
            return new SipIncomingResult(kind, Client: client);
        }

        return new SipIncomingResult(SipIncomingKind.StrayResponse);
    }

    /// <summary>Sends for a transaction; a failure reported now or later becomes the transaction's transport error.</summary>
    internal void Send(SipTransaction transaction, byte[] message)
    {
        ValueTask<bool> sending;
        try
        {
            sending = _sender(message, transaction.RemoteEndPoint, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            transaction.OnTransportError();
            return;
        }

        if (sending.IsCompletedSuccessfully)
        {
            if (!sending.Result)
            {
                transaction.OnTransportError();
            }

            return;
        }

        _ = ObserveAsync(sending, transaction);
    }

    private static async Task ObserveAsync(ValueTask<bool> sending, SipTransaction transaction)
    {
        bool sent;
        try
        {
            sent = await sending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            sent = false;
        }

        if (!sent)
        {
            transaction.OnTransportError();
        }
    }

    /// <summary>
    /// A copy of a borrowed response in exact-size arrays of its own, for handing to a TU asynchronously; a final
    /// response stays with its transaction, often for as long as the call (<see cref="SipMessage.Compact"/>).
    /// </summary>
    internal SipResponse Detach(SipResponse response)
    {
        var copy = Parser.ParseDatagram(response.Bytes.ToArray().AsMemory()).Message as SipResponse
            ?? throw new InvalidOperationException("A response that parsed once failed to parse again.");
        copy.Compact();
        return copy;
    }

    /// <summary>Parses a request the layer keeps as bytes (ACK and CANCEL construction).</summary>
    internal SipRequest ParseOwn(byte[] request) =>
        Parser.ParseDatagram(request.AsMemory()).Message as SipRequest
        ?? throw new InvalidOperationException("A request that parsed once failed to parse again.");

    internal void ReportServerError(SipServerTransaction transaction, SipTransactionError error) =>
        ServerTransactionFailed?.Invoke(transaction, error);

    internal void ReportRetransmission(SipTransaction transaction) => RetransmissionSent?.Invoke(transaction);

    internal void ReportHandlerFailure(SipClientTransaction transaction, SipResponse response, Exception exception) =>
        ResponseHandlerFailed?.Invoke(transaction, response, exception);

    internal void Remove(SipTransaction transaction)
    {
        switch (transaction)
        {
            case SipServerTransaction server:
                _servers.TryRemove(new KeyValuePair<string, SipServerTransaction>(server.Key, server));
                if (server.MergeKey is { } mergeKey)
                {
                    _merge.TryRemove(new KeyValuePair<string, SipServerTransaction>(mergeKey, server));
                }

                break;
            case SipClientTransaction client:
                _clients.TryRemove(new KeyValuePair<string, SipClientTransaction>(client.Key, client));
                break;
        }
    }

    /// <summary>Stops every transaction's timers; pending client transactions never complete.</summary>
    public void Dispose()
    {
        foreach (var server in _servers.Values)
        {
            server.Abort();
        }

        foreach (var client in _clients.Values)
        {
            client.Abort();
        }

        Timers.Dispose();
    }
}
