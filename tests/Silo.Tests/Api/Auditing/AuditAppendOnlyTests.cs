using Npgsql;

namespace Switchboard.Silo.Tests.Api.Auditing;

/// <summary>audit_log refuses UPDATE, DELETE and TRUNCATE through the silo's own connection (deploy/sql/0510).</summary>
public sealed class AuditAppendOnlyTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Theory]
    [InlineData("UPDATE audit_log SET status = 200")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    public async Task ChangeThroughTheAppConnection_IsRefusedAndTheTrailStays(string statement)
    {
        await host.Operator.GetStringAsync("/api/v1/cdrs");
        await using var dataSource = NpgsqlDataSource.Create(host.Silo.PostgresConnectionString!);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM audit_log");
        var before = (long)(await count.ExecuteScalarAsync())!;
        Assert.True(before > 0);

        await using var change = dataSource.CreateCommand(statement);
        var error = await Assert.ThrowsAsync<PostgresException>(() => change.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(before, (long)(await count.ExecuteScalarAsync())!);
    }
}
