using Npgsql;
using Switchboard.Silo.Api.Keys;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Silo.Tests.Api.Keys;

/// <summary>The in-memory store (embedded node) and the PostgreSQL one must behave the same.</summary>
public sealed class ApiKeyStoreContractTests : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public static TheoryData<string> Stores => new() { "memory", "postgres" };

    public async Task InitializeAsync() =>
        _dataSource = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("keystore"));

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private IApiKeyStore Create(string kind) => kind == "memory" ? new InMemoryApiKeyStore() : new PostgresApiKeyStore(_dataSource!);

    private static ApiKey NewKey(string id, ApiKeyRole role = ApiKeyRole.Operator, string? tenant = null, string? secret = null)
    {
        secret ??= ApiKeySecret.Generate();
        return new ApiKey(id, id + " name", role, tenant, ApiKeySecret.Hash(secret), ApiKeySecret.Prefix(secret),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "test", null);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AddAndFind_RoundTripsEveryField(string kind)
    {
        var store = Create(kind);
        var key = NewKey("key-a", ApiKeyRole.TenantAdmin, "acme");

        await store.AddAsync(key, CancellationToken.None);

        Assert.Equal(key, await store.FindAsync("key-a", CancellationToken.None));
        Assert.Equal(key, await store.FindByHashAsync(key.Hash, CancellationToken.None));
        Assert.Null(await store.FindByHashAsync(ApiKeySecret.Hash("unknown"), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AddIfEmpty_OnlyWhenNoKeyAtAllEvenRevoked(string kind)
    {
        var store = Create(kind);

        Assert.True(await store.AddIfEmptyAsync(NewKey("key-first"), CancellationToken.None));
        await store.RevokeAsync("key-first", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.False(await store.AddIfEmptyAsync(NewKey("key-second"), CancellationToken.None));
        Assert.Single(await store.ListAsync(null, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AddIfHashUnknown_SameSecretTwice_AddsOnce(string kind)
    {
        var store = Create(kind);
        var secret = ApiKeySecret.Generate();

        Assert.True(await store.AddIfHashUnknownAsync(NewKey("key-c1", secret: secret), CancellationToken.None));
        Assert.False(await store.AddIfHashUnknownAsync(NewKey("key-c2", secret: secret), CancellationToken.None));
        Assert.Null(await store.FindAsync("key-c2", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Revoke_Twice_KeepsTheFirstTimeAndUnknownIsFalse(string kind)
    {
        var store = Create(kind);
        await store.AddAsync(NewKey("key-r"), CancellationToken.None);
        var first = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(await store.RevokeAsync("key-r", first, CancellationToken.None));
        Assert.True(await store.RevokeAsync("key-r", first.AddDays(1), CancellationToken.None));
        Assert.False(await store.RevokeAsync("key-none", first, CancellationToken.None));

        Assert.Equal(first, (await store.FindAsync("key-r", CancellationToken.None))!.RevokedAt);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task List_ByTenant_ReturnsOnlyThatTenantsKeys(string kind)
    {
        var store = Create(kind);
        await store.AddAsync(NewKey("key-op"), CancellationToken.None);
        await store.AddAsync(NewKey("key-t1", ApiKeyRole.TenantAdmin, "t1"), CancellationToken.None);
        await store.AddAsync(NewKey("key-t2", ApiKeyRole.ReadOnly, "t2"), CancellationToken.None);

        var t1 = await store.ListAsync("t1", CancellationToken.None);

        Assert.Equal(["key-t1"], t1.Select(k => k.KeyId));
        Assert.Equal(3, (await store.ListAsync(null, CancellationToken.None)).Count);
    }
}
