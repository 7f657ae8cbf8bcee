using Switchboard.Grains.Calls;
using Switchboard.Grains.Routing;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Calls;

/// <summary>
/// One outgoing branch of a call (the B2BUA's UAC side): its own Call-ID, From tag and CSeq (topology hiding),
/// the INVITE transaction in flight, and the dialog once the callee answered with a To tag.
/// </summary>
public sealed class CalleeLeg(CallTarget target, LegDialog dialog)
{
    public CallTarget Target { get; } = target;

    public string LegCallId => Dialog.LegCallId;

    /// <summary>The dialog as reported to the call grain; updated with the callee's tag and Contact.</summary>
    public LegDialog Dialog { get; set; } = dialog;

    /// <summary>The INVITE transaction in flight (the latest, after an authenticated retry).</summary>
    public SipClientTransaction? Invite { get; set; }

    /// <summary>Where the INVITE went; known before it leaves, so a fast answer can be ACKed at once.</summary>
    public SipEndPoint? Destination { get; set; }

    /// <summary>
    /// The servers the target's host resolved to, in RFC 3263 order, and the one in use: a transport error, Timer B
    /// or a 503 moves to the next before the grain hears of a failure (§4.3). Null until the first INVITE is sent.
    /// </summary>
    public IReadOnlyList<SipEndPoint>? Servers { get; set; }

    public int ServerIndex { get; set; }

    private int _cancelSent;

    /// <summary>Set once a CANCEL went out for this leg: a later timeout must not ring the next server.</summary>
    public bool CancelSent => Volatile.Read(ref _cancelSent) == 1;

    /// <summary>
    /// Claims the leg's one CANCEL (RFC 3261 §9.1: its own transaction retransmits it). The grain's order and the
    /// edge's own winner logic can both ask at once under load; only the first caller sends.
    /// </summary>
    public bool TryClaimCancel() => Interlocked.Exchange(ref _cancelSent, 1) == 0;

    /// <summary>CSeq of the INVITE in flight (an authenticated retry uses the next number, RFC 3261 §22.2).</summary>
    public long InviteCSeq { get; set; } = 1;

    /// <summary>A carrier's 401/407 is answered once; a second challenge means the credentials are wrong.</summary>
    public bool AuthAnswered { get; set; }

    /// <summary>Set once a final response arrived or the leg was cancelled.</summary>
    public bool Finished { get; set; }

    /// <summary>Set when this leg's 2xx won; its ACK is re-sent for 2xx retransmissions (§13.2.2.4).</summary>
    public byte[]? Ack { get; set; }
}
