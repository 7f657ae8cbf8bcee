namespace Switchboard.Grains.Tenants;

/// <summary>Persisted owner of an indexed name (state name <c>directory-entry</c>).</summary>
[GenerateSerializer]
public sealed class DirectoryEntryState
{
    [Id(0)]
    public DirectoryEntry? Entry { get; set; }
}
