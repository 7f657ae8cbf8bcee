namespace Switchboard.Grains.Extensions;

/// <summary>Persisted extension numbers of one tenant, ordinal-sorted (state name <c>extension-index</c>).</summary>
[GenerateSerializer]
public sealed class ExtensionIndexState
{
    [Id(0)]
    public List<string> Numbers { get; set; } = [];
}
