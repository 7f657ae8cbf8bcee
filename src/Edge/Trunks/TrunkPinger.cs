using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Edge.Transport;
using Switchboard.Sip;
using Switchboard.Sip.Transactions;

namespace Switchboard.Edge.Trunks;

/// <summary>
/// Pings every carrier server in <see cref="TrunkHealth"/> with OPTIONS (RFC 3261 §11) every
/// <see cref="SipOptions.TrunkPingSeconds"/>. An answer within <see cref="SipOptions.TrunkPingTimeoutMilliseconds"/>
/// (any final status but 503, RFC 3263 §4.3) keeps or brings a server up; none, or a 503, marks it down, and legs skip
/// it until it answers again. Over UDP a silent server is otherwise noticed only by Timer B (64·T1 = 32 s) on each
/// call. The OPTIONS is an ordinary client transaction (retransmitted at T1, 2·T1 within the wait), so one lost
/// datagram does not mark a server down; the transaction itself still runs to Timer F when unanswered.
/// </summary>
public sealed class TrunkPinger(
    TrunkHealth health,
    SipTransactionLayer transactions,
    SipOutbound outbound,
    EdgeMetrics metrics,
    IOptions<SipOptions> options,
    TimeProvider time,
    ILogger<TrunkPinger> logger) : BackgroundService
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(options.Value.TrunkPingSeconds);
    private readonly TimeSpan _wait = TimeSpan.FromMilliseconds(options.Value.TrunkPingTimeoutMilliseconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PingAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One round: every known server at once, each waited for at most the ping timeout.</summary>
    public Task PingAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(health.ServersToPing().Select(s => PingAsync(s, cancellationToken)));

    private async Task PingAsync(TrunkServer server, CancellationToken cancellationToken)
    {
        bool answered;
        bool heard;
        try
        {
            using var request = Options(server);
            var transaction = transactions.SendRequest(request, server.EndPoint);
            await Task.WhenAny(transaction.Completion, Task.Delay(_wait, time, cancellationToken));
            heard = transaction.Completion.IsCompletedSuccessfully && transaction.Completion.Result is { Outcome: SipClientOutcome.Response };
            answered = heard && transaction.Completion.Result is { Response.StatusCode: not 503 };

            // The response is ours to release, also when it comes after we stopped waiting.
            _ = transaction.Completion.ContinueWith(static t => t.Result.Response?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (server.Record(answered, heard))
        {
            metrics.TrunkTransition(answered);
            if (answered)
            {
                EdgeLog.TrunkUp(logger, server.TrunkId, server.EndPoint.ToString());
            }
            else
            {
                EdgeLog.TrunkDown(logger, server.TrunkId, server.EndPoint.ToString());
            }
        }
    }

    /// <summary>OPTIONS to the server itself (§11.1: Request-URI of the server, Max-Forwards 70, no Contact needed).</summary>
    private SipRequest Options(TrunkServer server)
    {
        var remote = server.EndPoint.Remote;
        var host = remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{remote.Address}]" : remote.Address.ToString();
        var kind = server.EndPoint.Kind;
        var transport = kind == Sip.Transports.SipTransportKind.Udp ? string.Empty : ";transport=" + kind.ToString().ToLowerInvariant();
        var target = SipUri.Parse($"sip:{host}:{remote.Port}{transport}");
        return new SipRequestBuilder(SipMethod.Options, target)
            .AddVia(kind.ToString().ToUpperInvariant(), outbound.LocalHost, outbound.LocalPort)
            .WithFrom(new NameAddress(new SipUri(outbound.LocalHost, "ping", outbound.LocalPort)) { Tag = SipIdGenerator.NewTag() })
            .WithTo(new NameAddress(target))
            .WithCallId(SipIdGenerator.NewCallId(outbound.LocalHost))
            .WithCSeq(1)
            .Build();
    }
}
