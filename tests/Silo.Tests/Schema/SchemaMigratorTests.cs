using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Switchboard.Silo.Schema;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Silo.Tests.Schema;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryScriptOnceAndRecordsIt()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("migrate");
        var migrator = new SchemaMigrator(connectionString, SchemaScript.DefaultDirectory, NullLogger<SchemaMigrator>.Instance);
        var scripts = SchemaScript.Discover(SchemaScript.DefaultDirectory);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.NotEmpty(scripts);
        Assert.Equal(scripts.Count, first);
        Assert.Equal(0, second);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM switchboard_schema_version", connection);
        Assert.Equal((long)scripts.Count, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Migrate_ConcurrentSilos_ApplyEachScriptExactlyOnce()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("migrate");
        var scripts = SchemaScript.Discover(SchemaScript.DefaultDirectory);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            new SchemaMigrator(connectionString, SchemaScript.DefaultDirectory, NullLogger<SchemaMigrator>.Instance)
                .MigrateAsync(CancellationToken.None)));

        Assert.Equal(scripts.Count, results.Sum());
    }

    [Fact]
    public async Task Migrate_OrleansContract_HasEveryRequiredQueryKey()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("contract");
        string[] required =
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
            "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
            "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        ];

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery", connection);
        var keys = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.All(required, k => Assert.Contains(k, keys));
    }

    [Fact]
    public void Discover_DuplicateVersion_Throws()
    {
        var folder = Directory.CreateTempSubdirectory("sbsql").FullName;
        File.WriteAllText(Path.Combine(folder, "0001-a.sql"), "SELECT 1;");
        File.WriteAllText(Path.Combine(folder, "0001-b.sql"), "SELECT 2;");

        Assert.Throws<InvalidOperationException>(() => SchemaScript.Discover(folder));
    }
}
