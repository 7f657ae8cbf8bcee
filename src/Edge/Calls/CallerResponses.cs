using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Calls;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Calls;

/// <summary>What the caller hears from the callee legs: provisional responses, the answer that connects, the failure.</summary>
public sealed class CallerResponses(
    SipResponder responder,
    LegRequestFactory requests,
    LegSignaller signaller,
    MediaAnchor media,
    HangupHandler hangups,
    SessionTeardown teardown,
    EdgeMetrics metrics,
    IOptions<SipTransactionOptions> transactionOptions,
    TimeProvider timeProvider,
    LogRedaction redaction,
    ILogger<CallerResponses> logger)
{
    public async Task RelayProvisionalAsync(CallSession session, CalleeLeg leg, SipResponse response)
    {
        var body = media.AnchorAnswer(session, leg, response);
        await responder.RespondAsync(session.Caller, response.StatusCode, response.ReasonPhrase, b =>
        {
            b.AddContact(requests.Contact);
            if (body is { } sdp)
            {
                b.WithBody(sdp, "application/sdp");
            }
        });
    }

    /// <summary>This branch won: ACK it, answer the caller, cancel the other branches (RFC 3261 §16.7 step 10 spirit).</summary>
    public async Task ConnectAsync(CallSession session, CalleeLeg leg, SipResponse response, LegVerdict verdict)
    {
        await signaller.AckAsync(leg);
        var body = media.AnchorAnswer(session, leg, response);

        // §13.3.1.4: we retransmit our 2xx until the caller's ACK. Armed before the 2xx leaves, so an ACK that
        // arrives before the first retransmission still finds it.
        var answer = new AnswerRetransmission(() => signaller.RetransmitAnswer(session), () => _ = hangups.AckTimedOutAsync(session), transactionOptions.Value, timeProvider);
        session.Answer = answer;
        var sent = await responder.RespondAsync(session.Caller, 200, null, b =>
        {
            b.AddContact(requests.Contact);
            if (body is { } sdp)
            {
                b.WithBody(sdp, "application/sdp");
            }
        });
        if (sent)
        {
            answer.Start();
        }
        else
        {
            answer.Dispose();
        }

        var setup = Stopwatch.GetElapsedTime(session.StartedTimestamp);
        metrics.CallSetup(setup);
        EdgeLog.CallAnswered(logger, session.CallId, setup.TotalMilliseconds, redaction.Show(session.CallerDialog.LegCallId));
        foreach (var other in verdict.CancelLegs)
        {
            if (session.Legs.Find(other) is { } loser && !ReferenceEquals(loser, leg))
            {
                await signaller.CancelLegAsync(loser);
            }
        }

        foreach (var loser in session.Legs.Values.Where(l => !ReferenceEquals(l, leg) && !l.Finished))
        {
            await signaller.CancelLegAsync(loser);
        }
    }

    /// <summary>Every branch failed: the best final response (or 480 after the ring timeout) goes to the caller.</summary>
    public async Task FailAsync(CallSession session, LegVerdict verdict)
    {
        var status = session.RingTimedOut ? 480 : verdict.Status;
        await responder.RespondAsync(session.Caller, status, session.RingTimedOut ? "No Answer" : (string.IsNullOrEmpty(verdict.Reason) ? null : verdict.Reason));
        await teardown.EndSessionAsync(session, $"{status} {verdict.Reason}");
    }
}
