namespace Switchboard.Sip.Transactions;

/// <summary>RFC 3261 §17 timer base values, bound from the <c>Sip:Transactions</c> configuration section.</summary>
public sealed class SipTransactionOptions
{
    public const string SectionName = "Sip:Transactions";

    /// <summary>T1, the RTT estimate (RFC 3261 §17.1.1.1 and Table 4: 500 ms default). Timers A, B, E, F, G, H, J derive from it.</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>T2, the cap on non-INVITE request and INVITE response retransmit intervals (Table 4: 4 s).</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>T4, how long the network may hold a message (Table 4: 5 s); Timers I and K over UDP.</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D, how long a completed INVITE client transaction absorbs final responses over UDP (Table 4: at least 32 s).</summary>
    public TimeSpan TimerD { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>
    /// Timer C (RFC 3261 §16.6 item 11, §16.8: more than 3 minutes): how long an INVITE client transaction waits in
    /// Proceeding for a final response, restarted by each provisional. Timer B stops at the first 1xx, so without
    /// it a callee that rings forever would keep the transaction forever.
    /// </summary>
    public TimeSpan TimerC { get; set; } = TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1);

    /// <summary>
    /// Send 100 Trying as soon as an INVITE server transaction is created. RFC 3261 §17.2.1 requires it unless
    /// the TU answers within 200 ms, which an edge waiting on the cluster cannot promise.
    /// </summary>
    public bool SendTryingForInvite { get; set; } = true;

    /// <summary>
    /// RFC 3261 §18.1.1: a request to a UDP destination larger than this many bytes is sent over TCP instead (back to
    /// UDP when the TCP connection is refused). 1300 is the RFC's figure for an unknown path MTU; set it to the path
    /// MTU minus 200 when that is known. 0 never switches.
    /// </summary>
    public int MaxUdpRequestBytes { get; set; } = 1300;

    /// <summary>
    /// Safety net for server transactions the TU never answers (RFC 3261 has no timer in the Proceeding state):
    /// after this long they are dropped so the table cannot grow without bound.
    /// </summary>
    public TimeSpan AbandonedServerTransactionTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
