using Npgsql;
using NpgsqlTypes;
using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Storage.Postgres;

public sealed class PostgresFraudAlertStore(NpgsqlDataSource db) : IFraudAlertStore
{
    public async Task AddAsync(FraudAlert alert, CancellationToken cancellationToken = default)
    {
        // The alert id is generated once by the grain, so a retried insert does not store the alert twice.
        await using var cmd = db.CreateCommand("""
            INSERT INTO fraud_alerts (alert_id, account_id, tenant_id, rule, reason, call_id, destination, raised_at, locked_account)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (alert_id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue(alert.AlertId);
        cmd.Parameters.AddWithValue(alert.AccountId);
        cmd.Parameters.AddWithValue(alert.TenantId);
        cmd.Parameters.AddWithValue(PgText.FraudRule(alert.Rule));
        cmd.Parameters.AddWithValue(alert.Reason);
        cmd.Parameters.AddWithValue(alert.CallId);
        cmd.Parameters.AddWithValue(alert.Destination);
        cmd.Parameters.AddWithValue(alert.RaisedAt);
        cmd.Parameters.AddWithValue(alert.LockedAccount);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FraudAlert>> ListAsync(FraudAlertQuery query, CancellationToken cancellationToken = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT alert_id, account_id, tenant_id, rule, reason, call_id, destination, raised_at, locked_account
            FROM fraud_alerts
            WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR account_id = $2)
              AND ($3::timestamptz IS NULL OR raised_at >= $3)
            ORDER BY raised_at DESC, alert_id LIMIT $4 OFFSET $5
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.TenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.AccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Since ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.AddWithValue(Math.Clamp(query.Limit, 0, 1000));
        cmd.Parameters.AddWithValue(Math.Max(0, query.Offset));
        var rows = new List<FraudAlert>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new FraudAlert(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                PgText.ParseLower<FraudRule>(reader.GetString(3)), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8)));
        }

        return rows;
    }
}
