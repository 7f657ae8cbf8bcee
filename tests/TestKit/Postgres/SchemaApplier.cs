using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Silo.Schema;

namespace Switchboard.TestKit.Postgres;

/// <summary>Applies deploy/sql with the production <see cref="SchemaMigrator"/>, from the copy next to the test binaries.</summary>
public static class SchemaApplier
{
    public static Task<int> ApplyAsync(string connectionString) =>
        new SchemaMigrator(connectionString, SchemaScript.DefaultDirectory, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
}
