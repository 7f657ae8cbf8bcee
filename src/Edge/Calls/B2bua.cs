using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Auth;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Media;
using Switchboard.Edge.Observability;
using Switchboard.Edge.Registrar;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Grains.Calls;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Calls;

/// <summary>
/// The back-to-back user agent (RFC 3261 §6 "B2BUA", RFC 7092 §3.1): a UAS towards the caller, a UAC per callee
/// branch, each leg with its own Call-ID, tags, Via and Contact. Every decision (routing, forking outcome, who
/// ends what) is the call grain's; the edge executes it and keeps only transactions (the library's, RFC 3261 §17)
/// and media relays.
/// </summary>
public sealed partial class B2bua(
    IGrainFactory grains,
    ClusterGuard guard,
    TenantResolver tenants,
    DigestGate gate,
    SipResponder responder,
    SipTransactionLayer transactions,
    SipTransactionMetrics transactionMetrics,
    IOptions<SipTransactionOptions> transactionOptions,
    LegRequestFactory requests,
    SipOutbound outbound,
    MediaRelayTable relays,
    CallTable calls,
    EdgeMetrics metrics,
    EdgeState state,
    IOptions<SipOptions> sipOptions,
    IOptions<MediaOptions> mediaOptions,
    TimeProvider timeProvider,
    ILogger<B2bua> logger)
{
    /// <summary>Methods the edge accepts (RFC 3261 §20.5 Allow).</summary>
    public const string Allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, UPDATE, INFO, REFER, NOTIFY, MESSAGE";

    private readonly string _edgeId = sipOptions.Value.ResolveEdgeId();
    private readonly TimeSpan _ringTimeout = TimeSpan.FromSeconds(sipOptions.Value.RingTimeoutSeconds);
    private readonly string _mediaAddress = mediaOptions.Value.Address;

    public string EdgeId => _edgeId;

    private ICallGrain Call(string callId) => grains.GetGrain<ICallGrain>(callId);

    /// <summary>Finds the call a leg belongs to: this edge's table first, else the cluster-wide leg index.</summary>
    private async Task<string?> FindCallAsync(string legCallId)
    {
        if (calls.FindByLeg(legCallId) is { } session)
        {
            return session.CallId;
        }

        var index = grains.GetGrain<ILegIndexGrain>(CallKeys.LegIndex(legCallId));
        return await guard.IdempotentAsync(_ => index.Lookup(), CancellationToken.None);
    }

    /// <summary>Starts a client transaction (RFC 3261 §17.1) on the edge's transaction layer and counts it.</summary>
    private SipClientTransaction Send(SipRequest request, SipEndPoint destination, SipResponseHandler? onResponse = null)
    {
        transactionMetrics.ClientTransactionStarted();
        return onResponse is null ? transactions.SendRequest(request, destination) : transactions.SendRequest(request, destination, onResponse);
    }

    private async Task EndSessionAsync(CallSession session, string reason)
    {
        if (!session.TryEnd())
        {
            return;
        }

        session.Answer?.Dispose();

        calls.Remove(session);
        await relays.CloseAsync(session.CallId);
        metrics.CallEnded();
        EdgeLog.CallEnded(logger, session.CallId, reason, session.CallerDialog.LegCallId);
    }

    private TimeSpan SetupTime(CallSession session) => Stopwatch.GetElapsedTime(session.StartedTimestamp);

    private static string? BodyText(Switchboard.Sip.SipMessage message) =>
        message.Body.IsEmpty ? null : System.Text.Encoding.UTF8.GetString(message.Body.Span);
}
