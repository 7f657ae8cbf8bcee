using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Silo.Schema;

namespace Switchboard.TestKit.Postgres;

/// <summary>
/// Applies deploy/sql with the production <see cref="SchemaMigrator"/>, from the copy next to the test binaries.
/// It sits in the cluster kit, not beside <see cref="PostgresServer"/>, because the migrator is the silo's code.
/// </summary>
public static class SchemaApplier
{
    public static Task<int> ApplyAsync(string connectionString) =>
        new SchemaMigrator(connectionString, SchemaScript.DefaultDirectory, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);

    /// <summary>Creates a database with every deploy/sql script applied by the production migrator.</summary>
    public static async Task<string> CreateDatabaseAsync(this PostgresServer server, string prefix = "sb")
    {
        ArgumentNullException.ThrowIfNull(server);
        var connectionString = await server.CreateEmptyDatabaseAsync(prefix);
        await ApplyAsync(connectionString);
        return connectionString;
    }
}
