namespace Switchboard.Grains.Routing;

[GenerateSerializer, Alias("Switchboard.TargetKind")]
public enum TargetKind
{
    /// <summary>A registered contact of an extension (registrar binding).</summary>
    Binding = 0,

    /// <summary>A carrier trunk.</summary>
    Trunk = 1,
}
