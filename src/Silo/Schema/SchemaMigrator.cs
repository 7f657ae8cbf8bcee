using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Switchboard.Silo.Schema;

/// <summary>
/// Applies <c>deploy/sql/NNNN-name.sql</c> in order, each file once, recording it in
/// <c>switchboard_schema_version</c>. Several silos may start together: a PostgreSQL advisory lock makes
/// them take turns, and the second finds nothing left to do.
/// </summary>
public sealed partial class SchemaMigrator(string connectionString, string scriptDirectory, ILogger<SchemaMigrator> logger)
{
    // Any constant shared by all silos works; this one spells "SWBD".
    private const long AdvisoryLockKey = 0x53574244;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var scripts = SchemaScript.Discover(scriptDirectory);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        await Execute(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS switchboard_schema_version (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = await ReadApplied(connection, cancellationToken);
            var count = 0;
            foreach (var script in scripts)
            {
                var checksum = Checksum(script.Sql);
                if (applied.TryGetValue(script.Version, out var known))
                {
                    if (known != checksum)
                    {
                        LogChangedAfterApply(logger, script.FileName);
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, script.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO switchboard_schema_version (version, name, checksum) VALUES ($1, $2, $3)", connection))
                {
                    record.Parameters.AddWithValue(script.Version);
                    record.Parameters.AddWithValue(script.FileName);
                    record.Parameters.AddWithValue(checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, script.FileName);
                count++;
            }

            return count;
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task<Dictionary<int, string>> ReadApplied(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM switchboard_schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema: applied {File}")]
    private static partial void LogApplied(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema: {File} changed after it was applied; landed files must not be edited, put the change in a new file")]
    private static partial void LogChangedAfterApply(ILogger logger, string file);
}
