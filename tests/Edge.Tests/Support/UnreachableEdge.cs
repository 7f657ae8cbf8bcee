namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// One edge in front of an <see cref="UnreachableGrainFactory"/>, shared by the tests of a class: starting an edge per
/// test costs seconds on a busy machine, and the factory's record of grain calls spans the whole class.
/// </summary>
public sealed class UnreachableEdge : IAsyncLifetime
{
    public UnreachableGrainFactory Grains { get; } = new();

    public EdgeTestHost Edge { get; private set; } = null!;

    public async Task InitializeAsync() => Edge = await EdgeTestHost.StartAsync(Grains);

    public async Task DisposeAsync() => await Edge.DisposeAsync();
}
