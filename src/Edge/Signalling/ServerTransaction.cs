using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// A request we received and answer (RFC 3261 §17.2), kept so a retransmission gets the last response again
/// instead of running the request twice, and so CANCEL (§9.2) and ACK find the INVITE they belong to.
/// </summary>
public sealed class ServerTransaction(SipRequest request, SipEndPoint source, DateTimeOffset created)
{
    private byte[]? _lastResponse;
    private int _finalStatus;

    public SipRequest Request { get; } = request;

    public SipEndPoint Source { get; } = source;

    public DateTimeOffset Created { get; } = created;

    /// <summary>Whatever handles the request (e.g. the call session for an INVITE), for CANCEL and ACK to find.</summary>
    public object? Owner { get; set; }

    /// <summary>The To tag our responses carry (§8.2.6.2), fixed at the first response.</summary>
    public string? LocalTag { get; set; }

    public int FinalStatus => Volatile.Read(ref _finalStatus);

    public bool IsCompleted => FinalStatus >= 200;

    public byte[]? LastResponse => Volatile.Read(ref _lastResponse);

    /// <summary>Records a response; false when a final response was already sent (only one final per transaction, §17.2.1).</summary>
    public bool TryRecord(int status, byte[] response)
    {
        if (status >= 200 && Interlocked.CompareExchange(ref _finalStatus, status, 0) != 0)
        {
            return false;
        }

        if (status < 200 && IsCompleted)
        {
            return false;
        }

        Volatile.Write(ref _lastResponse, response);
        return true;
    }
}
