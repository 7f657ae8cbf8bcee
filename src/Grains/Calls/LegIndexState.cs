namespace Switchboard.Grains.Calls;

/// <summary>Persisted leg → call pointer (state name <c>leg-index</c>), so it survives the silo that held it.</summary>
[GenerateSerializer]
public sealed class LegIndexState
{
    [Id(0)]
    public string? CallId { get; set; }
}
