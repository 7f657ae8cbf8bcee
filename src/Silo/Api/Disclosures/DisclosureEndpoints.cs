using Npgsql;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Exports;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Disclosures;

/// <summary>
/// Lawful disclosure (docs/privacy.md): a compliance officer records an authority's request and receives, in the
/// same transaction, only the traffic data the policies name (date and time, duration, numbers, and the source IP
/// where registration history keeps it). Every disclosure is a record anyone with the role can list; both calls
/// are in the audit log. Compliance keys reach nothing else; other keys do not reach these.
/// </summary>
public static class DisclosureEndpoints
{
    private const string Calls = """
        SELECT started_at, duration_seconds, caller, callee FROM cdrs
        WHERE tenant_id = @tenant AND (caller = @subscriber OR callee = @subscriber) AND started_at >= @from AND started_at < @to
        ORDER BY started_at
        """;

    private const string Registrations = """
        SELECT registered_at, source_ip FROM registration_history
        WHERE tenant_id = @tenant AND extension = @subscriber AND registered_at >= @from AND registered_at < @to
        ORDER BY registered_at
        """;

    private const string Record = """
        INSERT INTO disclosures (disclosure_id, requested_at, authority, legal_basis, reference, tenant_id, subscriber,
                                 period_from, period_to, handled_by, calls, registrations)
        VALUES (@id, @at, @authority, @basis, @reference, @tenant, @subscriber, @from, @to, @by, @calls, @registrations)
        """;

    public static WebApplication MapDisclosureEndpoints(this WebApplication endpoints)
    {
        var disclosures = endpoints.MapGroup(AdminApiEndpointRouteBuilderExtensions.Prefix + "/disclosures").WithTags("Privacy")
            .RequireAuthorization(ApiPolicies.Compliance).AddEndpointFilter<AuditFilter>();
        disclosures.MapPost("", Disclose).Accepts<DisclosureRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        disclosures.MapGet("", List).AuditReads().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> Disclose(HttpContext context, TimeProvider time)
    {
        if (context.RequestServices.GetService<NpgsqlDataSource>() is not { } db)
        {
            return InMemoryMode();
        }

        var (body, problem) = await JsonBody.ReadAsync<DisclosureRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = body!.Validate();
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var caller = ApiCaller.From(context.User);
        var id = Guid.NewGuid();
        var at = time.GetUtcNow();
        var cancel = context.RequestAborted;
        await using var connection = await db.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        (string, object)[] period = [("tenant", body.TenantId!), ("subscriber", body.Subscriber!.Trim()), ("from", body.From!.Value), ("to", body.To!.Value)];
        var calls = await ReadAsync(connection, Calls, period, r => new DisclosedCall(
            r.GetFieldValue<DateTimeOffset>(0), r.GetInt32(1), r.GetString(2), r.GetString(3)), cancel);
        var registrations = await ReadAsync(connection, Registrations, period, r => new DisclosedRegistration(
            r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<System.Net.IPAddress>(1).ToString()), cancel);
        await using (var record = new NpgsqlCommand(Record, connection, transaction))
        {
            foreach (var (name, value) in period.Concat([
                         ("id", (object)id), ("at", at), ("authority", body.Authority!.Trim()), ("basis", body.LegalBasis!.Trim()),
                         ("reference", body.Reference!.Trim()), ("by", $"{caller.KeyId} ({caller.Name})"), ("calls", calls.Count),
                         ("registrations", registrations.Count)]))
            {
                record.Parameters.AddWithValue(name, value);
            }

            await record.ExecuteNonQueryAsync(cancel);
        }

        await transaction.CommitAsync(cancel);
        AuditFilter.Touch(context, $"disclosure/{id}");
        return TypedResults.Ok(new { disclosureId = id, requestedAt = at, calls, registrations });
    }

    private static async Task<IResult> List(HttpContext context, string? limit, string? offset)
    {
        if (context.RequestServices.GetService<NpgsqlDataSource>() is not { } db)
        {
            return InMemoryMode();
        }

        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        // Streamed like an export: every column of the records as stored.
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new System.Text.Json.Utf8JsonWriter(context.Response.Body);
        await using var command = db.CreateCommand("SELECT * FROM disclosures ORDER BY requested_at DESC LIMIT @limit OFFSET @offset");
        command.Parameters.AddWithValue("limit", paging.Limit);
        command.Parameters.AddWithValue("offset", paging.Offset);
        json.WriteStartObject();
        await JsonRows.WriteAsync(json, "items", command, context.Response.Body, context.RequestAborted);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters, Func<NpgsqlDataReader, T> row, CancellationToken cancel)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancel))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static IResult InMemoryMode() =>
        ApiProblems.Conflict("Disclosures read PostgreSQL; the in-memory mode keeps no traffic data past the process's life.");
}
