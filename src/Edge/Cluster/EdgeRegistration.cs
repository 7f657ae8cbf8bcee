using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Runtime;

namespace Switchboard.Edge.Cluster;

/// <summary>
/// Keeps this edge's observer registered with its <see cref="IEdgeRegistryGrain"/>. Observers live in silo memory
/// and vanish with the silo, so the subscription is renewed every <see cref="EdgeSubscription.RefreshEvery"/>
/// (docs/call-control.md, "Edge start-up and liveness"), and retried soon after a failure.
/// </summary>
internal sealed class EdgeRegistration(
    IGrainFactory grains,
    EdgeObserver observer,
    IOptions<SipOptions> options,
    TimeProvider timeProvider,
    ILogger<EdgeRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);
    private IEdgeObserver? _reference;

    private IEdgeRegistryGrain Registry => grains.Grain<IEdgeRegistryGrain>(options.Value.ResolveEdgeId());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sip = options.Value;
        var info = new EdgeInfo(
            sip.ResolveEdgeId(),
            [new TransportAddress(SipTransport.Udp, sip.ListenAddress, sip.Port), new TransportAddress(SipTransport.Tcp, sip.ListenAddress, sip.Port)],
            timeProvider.GetUtcNow());

        // The runtime holds observers weakly; this field is the strong reference that keeps ours alive.
        _reference = grains.CreateObjectReference<IEdgeObserver>(observer);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan next;
            try
            {
                var subscription = await Registry.Subscribe(info, _reference).WaitAsync(TimeSpan.FromSeconds(5), timeProvider, stoppingToken);
                next = subscription.RefreshEvery;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                EdgeLog.ObserverSubscribeFailed(logger, ex.GetType().Name);
                next = RetryAfterFailure;
            }

            await Task.Delay(next, timeProvider, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Registry.Unsubscribe().WaitAsync(TimeSpan.FromSeconds(2), timeProvider, cancellationToken);
        }
        catch (Exception ex)
        {
            EdgeLog.ObserverSubscribeFailed(logger, ex.GetType().Name);
        }

        if (_reference is not null)
        {
            grains.DeleteObjectReference<IEdgeObserver>(_reference);
        }
    }
}
