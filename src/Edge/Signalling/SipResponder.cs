using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Sip;

namespace Switchboard.Edge.Signalling;

/// <summary>Builds responses for server transactions and sends them back where the request came from (RFC 3581 §4).</summary>
public sealed class SipResponder(SipOutbound outbound, IOptions<SipOptions> options)
{
    private readonly int _retryAfter = options.Value.RetryAfterSeconds;

    /// <summary>Sends a response; <paramref name="customize"/> adds headers or a body. False when a final was already sent.</summary>
    public async ValueTask<bool> RespondAsync(ServerTransaction transaction, int status, string? reason = null, Action<SipResponseBuilder>? customize = null)
    {
        var builder = SipResponseBuilder.For(transaction.Request, status, reason);
        if (status > 100)
        {
            // One To tag per transaction (RFC 3261 §8.2.6.2); 100 Trying carries none (§8.2.6.1).
            transaction.LocalTag ??= SipIdGenerator.NewTag();
            builder.WithToTag(transaction.LocalTag);
        }

        builder.AddHeader("Server", "Switchboard");
        customize?.Invoke(builder);
        var bytes = builder.ToArray();
        if (!transaction.TryRecord(status, bytes))
        {
            return false;
        }

        await outbound.SendAsync(bytes, transaction.Source, EdgeMetrics.ResponseClass(status));
        return true;
    }

    /// <summary>503 with Retry-After (RFC 3261 §21.5.4, §20.33): the cluster or this edge cannot take it now.</summary>
    public ValueTask<bool> ServiceUnavailableAsync(ServerTransaction transaction, string reason) =>
        RespondAsync(transaction, 503, reason, b => b.AddHeader("Retry-After", _retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Sends the recorded response again for a retransmitted request (§17.2.1, §17.2.2).</summary>
    public async ValueTask ResendAsync(ServerTransaction transaction)
    {
        if (transaction.LastResponse is { } last)
        {
            await outbound.SendAsync(last, transaction.Source, "retransmission");
        }
    }
}
