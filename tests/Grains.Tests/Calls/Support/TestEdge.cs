using System.Threading.Channels;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>
/// Plays an edge towards the grains: subscribes an <see cref="IEdgeObserver"/>, records the commands it gets and,
/// when <c>confirms</c>, reports every ordered leg as ended the way a real edge does after the BYE/CANCEL.
/// </summary>
public sealed class TestEdge : IEdgeObserver
{
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
        await client.GetGrain<IEdgeRegistryGrain>(edge.Id).Subscribe(
            new EdgeInfo(edge.Id, [new TransportAddress(SipTransport.Udp, "127.0.0.1", 5060)], DateTimeOffset.UtcNow),
            edge._reference);
        return edge;
    }

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
