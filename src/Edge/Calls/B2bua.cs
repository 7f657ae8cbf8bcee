using Switchboard.Edge.Signalling;
using Switchboard.Grains.Edges;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

/// <summary>
/// The back-to-back user agent (RFC 3261 §6 "B2BUA", RFC 7092 §3.1): a UAS towards the caller, a UAC per callee
/// branch, each leg with its own Call-ID, tags, Via and Contact. Every decision (routing, forking outcome, who
/// ends what) is the call grain's; the edge executes it and keeps only transactions (the library's, RFC 3261 §17)
/// and media relays. This type is the dispatcher's entry point; the work is split by responsibility:
/// <see cref="InviteHandler"/> and <see cref="CallSetup"/> (new calls), <see cref="CalleeLegs"/> and
/// <see cref="CallerResponses"/> (legs and what the caller hears), <see cref="HangupHandler"/> (CANCEL, BYE, ACK,
/// the grain's termination orders), <see cref="InDialogRelay"/> (re-INVITE, UPDATE, INFO...), over
/// <see cref="LegSignaller"/>, <see cref="MediaAnchor"/>, <see cref="SessionTeardown"/> and <see cref="CallGrainLink"/>.
/// </summary>
public sealed class B2bua(
    InviteHandler invites,
    HangupHandler hangups,
    InDialogRelay inDialog,
    LegSignaller signaller,
    CallGrainLink link)
{
    /// <summary>Methods the edge accepts (RFC 3261 §20.5 Allow).</summary>
    public const string Allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, REFER, NOTIFY, MESSAGE";

    public string EdgeId => link.EdgeId;

    /// <summary>An initial INVITE (no To tag): identify the caller, let the call grain route, start the callee legs.</summary>
    public Task OnInviteAsync(InboundRequest inbound) => invites.OnInviteAsync(inbound);

    /// <inheritdoc cref="HangupHandler.OnCancelAsync"/>
    public Task OnCancelAsync(InboundRequest cancel, InboundRequest? invite) => hangups.OnCancelAsync(cancel, invite);

    /// <inheritdoc cref="HangupHandler.OnByeAsync"/>
    public Task OnByeAsync(InboundRequest bye) => hangups.OnByeAsync(bye);

    /// <inheritdoc cref="HangupHandler.OnAckAsync"/>
    public Task OnAckAsync(SipRequest request, SipServerTransaction? invite) => hangups.OnAckAsync(request, invite);

    /// <inheritdoc cref="InDialogRelay"/>
    public Task OnInDialogAsync(InboundRequest inbound) => inDialog.OnInDialogAsync(inbound);

    /// <inheritdoc cref="HangupHandler.ExecuteAsync"/>
    public Task ExecuteAsync(string callId, IReadOnlyList<LegTermination> legs) => hangups.ExecuteAsync(callId, legs);

    /// <inheritdoc cref="LegSignaller.OnStrayResponseAsync"/>
    public Task OnStrayResponseAsync(SipResponse response) => signaller.OnStrayResponseAsync(response);
}
