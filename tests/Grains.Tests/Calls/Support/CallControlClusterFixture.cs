using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Extensions;
using Switchboard.TestKit.Cluster;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>
/// A two-silo in-memory cluster built by the production configurator, with the billing seam scripted and
/// call-control timings shortened so timeouts play out in about a second instead of half a minute.
/// </summary>
public sealed class CallControlClusterFixture : IAsyncLifetime
{
    public const string Collection = "call-control cluster";

    private SwitchboardTestCluster? _cluster;

    public ScriptedAccounting Accounting { get; } = new();

    public SwitchboardTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Cluster not started");

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        _cluster = await SwitchboardTestCluster.StartAsync(silos: 2, configureSilo: silo =>
        {
            silo.Services.AddSingleton<ICallAccounting>(Accounting);
            silo.Services.Configure<CallControlOptions>(o =>
            {
                o.HangupConfirmTimeout = TimeSpan.FromSeconds(1);
                o.AckTimeout = TimeSpan.FromSeconds(2);
                o.BillingLead = TimeSpan.FromMilliseconds(200);
                o.SettlementRetryMin = TimeSpan.FromMilliseconds(200);
                o.SettlementRetryMax = TimeSpan.FromSeconds(1);
                o.DirectoryCacheTime = TimeSpan.Zero;
            });
            silo.Services.Configure<RegistrarOptions>(o => o.PasswordHashIterations = 1000);
        });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
