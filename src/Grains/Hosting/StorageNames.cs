namespace Switchboard.Grains.Hosting;

/// <summary>Names of the Orleans providers the grains use; the silo host registers providers under these names.</summary>
public static class StorageNames
{
    /// <summary>Grain state: ADO.NET (PostgreSQL) in a cluster, memory in the embedded single node.</summary>
    public const string Grains = "switchboard";
}
