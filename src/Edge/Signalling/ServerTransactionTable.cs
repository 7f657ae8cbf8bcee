using System.Collections.Concurrent;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// Server transactions by branch and method (RFC 3261 §17.2.3: the top Via branch plus the method, with ACK
/// and CANCEL matching the INVITE they refer to). Entries live 32 s (64·T1, Timer J/H scale) after creation.
/// </summary>
public sealed class ServerTransactionTable(TimeProvider timeProvider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(32);
    private readonly ConcurrentDictionary<string, ServerTransaction> _transactions = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public int Count => _transactions.Count;

    /// <summary>Starts a transaction, or returns the existing one when this is a retransmission.</summary>
    public ServerTransaction Begin(SipRequest request, SipEndPoint source, out bool retransmission)
    {
        Sweep();
        var key = Key(request, request.Method.Name);
        var created = new ServerTransaction(request, source, timeProvider.GetUtcNow());
        var transaction = _transactions.GetOrAdd(key, created);
        retransmission = !ReferenceEquals(transaction, created);
        return transaction;
    }

    /// <summary>The INVITE transaction a CANCEL or a non-2xx ACK belongs to (same branch, §9.2, §17.2.3).</summary>
    public ServerTransaction? FindInvite(SipRequest request) => _transactions.GetValueOrDefault(Key(request, "INVITE"));

    private static string Key(SipRequest request, string method)
    {
        var via = request.TopVia;
        var branch = via?.Branch ?? string.Empty;

        // RFC 2543 peers lack the magic cookie; fall back to Call-ID and CSeq number for them (§17.2.3).
        return via is { HasRfc3261Branch: true }
            ? string.Concat(branch, "|", via.Host, "|", method)
            : string.Concat(request.CallId, "|", request.CSeq.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), "|", method);
    }

    private void Sweep()
    {
        var now = timeProvider.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromSeconds(1);
        foreach (var (key, transaction) in _transactions)
        {
            if (now - transaction.Created > Lifetime)
            {
                _transactions.TryRemove(key, out _);
            }
        }
    }
}
