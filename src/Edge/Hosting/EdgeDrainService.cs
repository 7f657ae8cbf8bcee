using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Telemetry;

namespace Switchboard.Edge.Hosting;

/// <summary>
/// On SIGTERM: stop taking new calls (503, RFC 3261 §21.5.4), give calls in progress <c>Sip:DrainSeconds</c> to
/// finish, then ask the grains to end the rest, so each gets a BYE and a CDR instead of silence. Registered after
/// the transports so it stops first, while SIP can still flow.
/// </summary>
internal sealed class EdgeDrainService(
    EdgeState state,
    CallTable calls,
    IOptions<SipOptions> options,
    TimeProvider timeProvider,
    ILogger<EdgeDrainService> logger) : IHostedService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        state.MarkDraining();
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        EdgeLog.Draining(logger, options.Value.DrainSeconds, calls.Count);
        var deadline = timeProvider.GetUtcNow() + drain;
        while (calls.Count > 0 && timeProvider.GetUtcNow() < deadline && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Poll, timeProvider, CancellationToken.None);
        }

        if (calls.Count == 0)
        {
            return;
        }

        EdgeLog.DrainExpired(logger, calls.Count);
        foreach (var session in calls.Sessions.ToList())
        {
            try
            {
                await session.Grain.HangUp("edge shutting down").WaitAsync(TimeSpan.FromSeconds(2), timeProvider, CancellationToken.None);
            }
            catch (Exception ex) when (ex is TimeoutException or Orleans.Runtime.OrleansException)
            {
                // The call grain's own timers end a call whose edge went away.
            }
        }

        // Give the BYEs the grains order a moment to go out through this edge's still-open transports.
        var settle = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(3);
        while (calls.Count > 0 && timeProvider.GetUtcNow() < settle)
        {
            await Task.Delay(Poll, timeProvider, CancellationToken.None);
        }
    }
}
