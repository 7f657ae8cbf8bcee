using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

public sealed partial class SipClientTransaction
{
    private int _viaTransportAt = -1;
    private SipEndPoint _udpDestination;

    /// <summary>The request was bound for UDP but left over TCP for its size (RFC 3261 §18.1.1), and still does.</summary>
    public bool SwitchedToTcp => _viaTransportAt >= 0 && RemoteEndPoint.Kind == SipTransportKind.Tcp;

    /// <summary>
    /// §18.1.1: a request over <see cref="SipTransactionOptions.MaxUdpRequestBytes"/> bound for UDP goes to the same
    /// address and port over TCP, its top Via saying so. Timers follow the transport: none of A/E over TCP (§17.1.1.2).
    /// </summary>
    private void SwitchLargeRequestToTcp(SipEndPoint destination)
    {
        if (!LargeRequestRule.Applies(destination, _request.Length, Options.MaxUdpRequestBytes))
        {
            return;
        }

        var at = LargeRequestRule.FindTopViaTransport(_request);
        if (at < 0)
        {
            return;
        }

        LargeRequestRule.Rewrite(_request, at, "TCP"u8);
        _viaTransportAt = at;
        _udpDestination = destination;
        RemoteEndPoint = destination with { Kind = SipTransportKind.Tcp, ConnectionId = 0 };
    }

    /// <summary>
    /// §18.1.1: the TCP connection for a request switched from UDP was refused (the target has no TCP listener): send it
    /// over UDP after all, once, with its Via as it was and UDP's retransmissions. Call with the lock held; false when
    /// the error is a real one.
    /// </summary>
    private bool TryFallBackToUdp()
    {
        if (!SwitchedToTcp || State is not (SipClientTransactionState.Calling or SipClientTransactionState.Trying))
        {
            return false;
        }

        LargeRequestRule.Rewrite(_request, _viaTransportAt, "UDP"u8);
        RemoteEndPoint = _udpDestination;
        Send(_request);
        if (State != SipClientTransactionState.Terminated)
        {
            _interval = Options.T1;
            StartRetransmitTimer(_interval);
        }

        return true;
    }
}
