namespace Switchboard.Grains.Observability;

/// <summary>
/// One silo's running totals at <see cref="At"/> (the silo's own clock). <see cref="CallsStarted"/> only grows
/// while the silo lives; a restarted silo has a new <see cref="Silo"/> address, so a reset is never mistaken for a
/// negative rate.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.SiloCallSample")]
public sealed record SiloCallSample(
    [property: Id(0)] string Silo,
    [property: Id(1)] bool HostsEdge,
    [property: Id(2)] long CallsStarted,
    [property: Id(3)] long ActiveCalls,
    [property: Id(4)] DateTimeOffset At);
