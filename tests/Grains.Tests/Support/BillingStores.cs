using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Storage.InMemory;
using Switchboard.Grains.Storage.Postgres;
using Switchboard.TestKit.Postgres;

namespace Switchboard.Grains.Tests.Support;

/// <summary>One set of billing stores, in memory or on a fresh PostgreSQL database with deploy/sql applied.</summary>
public sealed class BillingStores : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;

    private BillingStores(IAccountStore accounts, ICdrStore cdrs, ITopUpStore topUps, IRatePlanStore plans, IFraudAlertStore alerts, NpgsqlDataSource? dataSource)
    {
        Accounts = accounts;
        Cdrs = cdrs;
        TopUps = topUps;
        Plans = plans;
        Alerts = alerts;
        _dataSource = dataSource;
    }

    public IAccountStore Accounts { get; }

    public ICdrStore Cdrs { get; }

    public ITopUpStore TopUps { get; }

    public IRatePlanStore Plans { get; }

    public IFraudAlertStore Alerts { get; }

    public static BillingStores InMemory()
    {
        var data = new InMemoryBillingData();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        return new(new InMemoryAccountStore(data, time), new InMemoryCdrStore(data, time), new InMemoryTopUpStore(data, time),
            new InMemoryRatePlanStore(data, time), new InMemoryFraudAlertStore(data), null);
    }

    public static async Task<BillingStores> PostgresAsync()
    {
        var server = await PostgresServer.GetAsync();
        var db = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("billing"));
        return new(new PostgresAccountStore(db), new PostgresCdrStore(db), new PostgresTopUpStore(db), new PostgresRatePlanStore(db),
            new PostgresFraudAlertStore(db), db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
