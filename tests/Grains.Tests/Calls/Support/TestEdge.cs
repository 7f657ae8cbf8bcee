using System.Threading.Channels;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>
/// Plays an edge towards the grains: subscribes an <see cref="IEdgeObserver"/>, records the commands it gets and,
/// when <c>confirms</c>, reports every ordered leg as ended the way a real edge does after the BYE/CANCEL.
/// </summary>
public sealed class TestEdge : IEdgeObserver, IAsyncDisposable
{
    private readonly CancellationTokenSource _alive = new();
    private Task _refreshing = Task.CompletedTask;
    private readonly Channel<EdgeCommand> _commands = Channel.CreateUnbounded<EdgeCommand>();
    private readonly IGrainFactory _grains;
    private readonly bool _confirms;
    private IEdgeObserver? _reference;

    private TestEdge(IGrainFactory grains, bool confirms)
    {
        _grains = grains;
        _confirms = confirms;
    }

    public string Id { get; } = "edge-" + Guid.NewGuid().ToString("N")[..8];

    public static Task<TestEdge> Connect(CallControlClusterFixture fixture, bool confirms = true) =>
        Connect(fixture.Cluster.Client, confirms);

    public static async Task<TestEdge> Connect(IClusterClient client, bool confirms = true)
    {
        var edge = new TestEdge(client, confirms);
        edge._reference = client.CreateObjectReference<IEdgeObserver>(edge);
        var registry = client.GetGrain<IEdgeRegistryGrain>(edge.Id);
        var info = new EdgeInfo(edge.Id, [new TransportAddress(SipTransport.Udp, "127.0.0.1", 5060)], DateTimeOffset.UtcNow);
        var subscription = await registry.Subscribe(info, edge._reference);

        // Refreshes like a real edge until killed, or its calls would be ended as the calls of a lost edge.
        edge._refreshing = Task.Run(async () =>
        {
            while (!edge._alive.IsCancellationRequested)
            {
                await Task.Delay(subscription.RefreshEvery, edge._alive.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
                if (!edge._alive.IsCancellationRequested)
                {
                    await registry.Subscribe(info, edge._reference).ContinueWith(static _ => { }, TaskScheduler.Default);
                }
            }
        });
        return edge;
    }

    /// <summary>The edge dies: it stops refreshing its subscription, as after a kill -9.</summary>
    public async Task Kill()
    {
        await _alive.CancelAsync();
        await _refreshing;
    }

    public async ValueTask DisposeAsync() => await Kill();

    public Task Terminate(EdgeCommand command)
    {
        _commands.Writer.TryWrite(command);
        if (_confirms)
        {
            _ = Task.Run(async () =>
            {
                foreach (var leg in command.Legs)
                {
                    await _grains.GetGrain<ICallGrain>(command.CallId).LegEnded(leg.Dialog.LegCallId, Id);
                }
            });
        }

        return Task.CompletedTask;
    }

    public async Task<EdgeCommand> NextCommand(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _commands.Reader.ReadAsync(cancel.Token);
    }

    public bool TryTakeCommand(out EdgeCommand? command) => _commands.Reader.TryRead(out command);
}
