namespace Switchboard.Grains.Tenants;

/// <summary>Persisted trunk source ranges by tenant (state name <c>trunk-sources</c>).</summary>
[GenerateSerializer]
public sealed class TrunkSourceIndexState
{
    [Id(0)]
    public Dictionary<string, List<TrunkSourceEntry>> Tenants { get; set; } = [];
}
