using Npgsql;
using Switchboard.Silo.Api.Auditing;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Silo.Tests.Api.Auditing;

/// <summary>The in-memory audit log (embedded node) and the PostgreSQL one must behave the same.</summary>
public sealed class AuditLogContractTests : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public static TheoryData<string> Logs => new() { "memory", "postgres" };

    public async Task InitializeAsync() =>
        _dataSource = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("auditlog"));

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private IAuditLog Create(string kind) => kind == "memory" ? new InMemoryAuditLog() : new PostgresAuditLog(_dataSource!);

    private static AuditEntry Entry(int n, string? tenant) =>
        new(0, new DateTimeOffset(2026, 1, 1, 0, 0, n, TimeSpan.Zero), $"key-{n}", "k", tenant, "POST", "/api/v1/things", $"thing-{n}", 201);

    [Theory]
    [MemberData(nameof(Logs))]
    public async Task List_NewestFirstPagedByIdAndFilteredByTenant(string kind)
    {
        var log = Create(kind);
        for (var n = 1; n <= 5; n++)
        {
            await log.AppendAsync(Entry(n, n % 2 == 0 ? "even" : null), CancellationToken.None);
        }

        var page = await log.ListAsync(null, null, 2, CancellationToken.None);
        var next = await log.ListAsync(null, page[^1].EntryId, 10, CancellationToken.None);
        var even = await log.ListAsync("even", null, 10, CancellationToken.None);

        Assert.Equal(["thing-5", "thing-4"], page.Select(e => e.Resource));
        Assert.Equal(["thing-3", "thing-2", "thing-1"], next.Select(e => e.Resource));
        Assert.Equal(["thing-4", "thing-2"], even.Select(e => e.Resource));
        Assert.Equal(Entry(4, "even") with { EntryId = even[0].EntryId }, even[0]);
    }
}
