using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Transport;

/// <summary>Opens the UDP, TCP (and TLS when <c>Sip:TlsPort</c> is set) listeners at start and closes them at stop.</summary>
internal sealed class EdgeTransportService(
    IOptions<SipOptions> options,
    IOptions<SipTransportOptions> transportOptions,
    SipInbound inbound,
    SipOutbound outbound,
    EdgeState state,
    CallPathPrecompiler precompiler,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService
{
    /// <summary>The longest the listeners wait for compiling; they waited about 1 s on 2 cores (docs/benchmarks.md).</summary>
    private static readonly TimeSpan PrecompileWait = TimeSpan.FromSeconds(30);

    private SipTransportHub? _hub;
    private SipTransportMetrics? _transportMetrics;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // No call before the call path is compiled: the first ones would wait for it (CallPathPrecompiler).
        var waited = Stopwatch.StartNew();
        var log = loggerFactory.CreateLogger<EdgeTransportService>();
        try
        {
            await precompiler.Completion.WaitAsync(PrecompileWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A slow machine compiles on behind the listeners rather than keep the node from starting.
        }

        if (precompiler.Compiled > 0)
        {
            EdgeLog.Precompiled(log, precompiler.Compiled, precompiler.Failed, waited.Elapsed.TotalSeconds);
        }

        var sip = options.Value;
        _hub = SipTransportHub.Create(transportOptions, inbound.OnMessage, timeProvider, loggerFactory);
        _hub.Start();
        _transportMetrics = new SipTransportMetrics(_hub);
        outbound.Attach(_hub);
        state.MarkListening();
        EdgeLog.Listening(log, sip.ResolveEdgeId(), sip.ListenAddress, sip.Port, sip.TlsPort > 0 ? $", TLS {sip.TlsPort}" : string.Empty);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _transportMetrics?.Dispose();
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }
}
