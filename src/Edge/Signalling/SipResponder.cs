using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Sip;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// Builds responses for inbound requests and hands them to their server transaction, which sends them back where
/// the request came from (RFC 3581 §4) and retransmits them as RFC 3261 §17.2 requires.
/// </summary>
public sealed class SipResponder(IOptions<SipOptions> options)
{
    private readonly int _retryAfter = options.Value.RetryAfterSeconds;

    /// <summary>Sends a response; <paramref name="customize"/> adds headers or a body. False when a final was already sent.</summary>
    public ValueTask<bool> RespondAsync(InboundRequest inbound, int status, string? reason = null, Action<SipResponseBuilder>? customize = null)
    {
        // One final per transaction (§17.2.1); once it went out and was acknowledged the request may be released
        // (InboundRequest.ReleaseRequest), even between these two reads, so it is read once.
        if (inbound.IsCompleted || inbound.KeptRequest is not { } request)
        {
            return ValueTask.FromResult(false);
        }

        var builder = SipResponseBuilder.For(request, status, reason);
        if (status > 100)
        {
            // One To tag per transaction (RFC 3261 §8.2.6.2); 100 Trying carries none (§8.2.6.1).
            inbound.LocalTag ??= SipIdGenerator.NewTag();
            builder.WithToTag(inbound.LocalTag);
        }

        builder.AddHeader("Server", "Switchboard");
        customize?.Invoke(builder);
        return ValueTask.FromResult(inbound.Transaction.TryRespond(builder));
    }

    /// <summary>503 with Retry-After (RFC 3261 §21.5.4, §20.33): the cluster or this edge cannot take it now.</summary>
    public ValueTask<bool> ServiceUnavailableAsync(InboundRequest inbound, string reason) =>
        RespondAsync(inbound, 503, reason, b => b.AddHeader("Retry-After", _retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
