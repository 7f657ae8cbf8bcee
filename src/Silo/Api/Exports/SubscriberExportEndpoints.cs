using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Accounts;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Api.Tenants;

namespace Switchboard.Silo.Api.Exports;

/// <summary>
/// Access and portability (docs/privacy.md): one streamed JSON document of everything held about a tenant, an
/// account or an extension. Operators and the subject's tenant-admin; every export is written to the audit log.
/// PostgreSQL mode only (409 in the embedded in-memory node, which holds nothing past the process).
/// </summary>
public static class SubscriberExportEndpoints
{
    public static RouteGroupBuilder MapSubscriberExportEndpoints(this RouteGroupBuilder api)
    {
        var exports = api.MapGroup("").WithTags("Privacy").RequireAuthorization(ApiPolicies.Writer);
        exports.MapGet("/accounts/{accountId}/export", Account).Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        exports.MapGet("/tenants/{tenantId}/export", Tenant).Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        exports.MapGet("/tenants/{tenantId}/extensions/{number}/export", Extension).Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> Account(HttpContext context, string accountId, IAccountStore store, IGrainFactory grains)
    {
        var caller = ApiCaller.From(context.User);
        if (await AccountEndpoints.FindVisibleAsync(caller, accountId, store, context.RequestAborted) is not { } account || !caller.CanWrite(account.TenantId))
        {
            return ApiProblems.NotFound($"Account '{accountId}'");
        }

        var lines = await SubscriberLines.PaidByAsync(grains, account.TenantId, accountId);
        return await StreamAsync(context, $"account-{accountId}", "account", accountId, account.TenantId, async export =>
        {
            await export.Rows("account", "SELECT * FROM accounts WHERE account_id = @id", ("id", accountId));
            await export.Extensions(account.TenantId, lines.Select(l => l.Number));
            await export.Rows("registrations", "SELECT * FROM registration_history WHERE tenant_id = @tenant AND extension = ANY(@numbers) ORDER BY registered_at",
                ("tenant", account.TenantId), ("numbers", lines.Select(l => l.Number).ToArray()));
            await export.Rows("ledger", "SELECT * FROM ledger WHERE account_id = @id ORDER BY entry_id", ("id", accountId));
            await export.Rows("topups", "SELECT * FROM topups WHERE account_id = @id ORDER BY first_seen_at", ("id", accountId));
            await export.Rows("cdrs", "SELECT * FROM cdrs WHERE account_id = @id ORDER BY started_at", ("id", accountId));
            await export.Rows("fraudAlerts", "SELECT * FROM fraud_alerts WHERE account_id = @id ORDER BY raised_at", ("id", accountId));
            await export.Rows("audit", SubscriberExport.AuditAbout, ("id", accountId));
        });
    }

    private static async Task<IResult> Tenant(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (tenant, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (problem is not null)
        {
            return problem;
        }

        var numbers = new List<string>();
        await foreach (var line in SubscriberLines.AllAsync(grains, tenantId))
        {
            numbers.Add(line.Number);
        }

        return await StreamAsync(context, $"tenant-{tenantId}", "tenant", tenantId, tenantId, async export =>
        {
            export.Object("tenant", TenantView.From(tenant!, ApiCaller.From(context.User)));
            await export.Rows("accounts", "SELECT * FROM accounts WHERE tenant_id = @id ORDER BY account_id", ("id", tenantId));
            await export.Extensions(tenantId, numbers);
            await export.Rows("registrations", "SELECT * FROM registration_history WHERE tenant_id = @id ORDER BY registered_at", ("id", tenantId));
            await export.Rows("ledger", "SELECT l.* FROM ledger l JOIN accounts a USING (account_id) WHERE a.tenant_id = @id ORDER BY l.entry_id", ("id", tenantId));
            await export.Rows("topups", "SELECT t.* FROM topups t JOIN accounts a USING (account_id) WHERE a.tenant_id = @id ORDER BY t.first_seen_at", ("id", tenantId));
            await export.Rows("cdrs", "SELECT * FROM cdrs WHERE tenant_id = @id ORDER BY started_at", ("id", tenantId));
            await export.Rows("fraudAlerts", "SELECT * FROM fraud_alerts WHERE tenant_id = @id ORDER BY raised_at", ("id", tenantId));
            await export.Rows("audit", "SELECT * FROM audit_log WHERE tenant_id = @id ORDER BY entry_id", ("id", tenantId));
        });
    }

    private static async Task<IResult> Extension(HttpContext context, string tenantId, string number, IGrainFactory grains)
    {
        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (problem is not null)
        {
            return problem;
        }

        if (await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number)).GetSnapshot() is null)
        {
            return ApiProblems.NotFound($"Extension '{number}' of tenant '{tenantId}'");
        }

        return await StreamAsync(context, $"extension-{tenantId}-{number}", "extension", number, tenantId, async export =>
        {
            await export.Extensions(tenantId, [number]);
            await export.Rows("registrations", "SELECT * FROM registration_history WHERE tenant_id = @tenant AND extension = @number ORDER BY registered_at",
                ("tenant", tenantId), ("number", number));
            await export.Rows("cdrs", "SELECT * FROM cdrs WHERE tenant_id = @tenant AND (caller = @number OR callee = @number) ORDER BY started_at",
                ("tenant", tenantId), ("number", number));
            await export.Rows("audit", "SELECT * FROM audit_log WHERE resource IN (@route, @key) ORDER BY entry_id",
                ("route", $"tenantId={tenantId},number={number}"), ("key", ExtensionKeys.For(tenantId, number)));
        });
    }

    private static async Task<IResult> StreamAsync(
        HttpContext context, string fileName, string kind, string id, string tenantId, Func<SubscriberExport, Task> sections)
    {
        if (context.RequestServices.GetService<NpgsqlDataSource>() is not { } db)
        {
            return ApiProblems.Conflict("Exports read PostgreSQL; the in-memory mode keeps no data past the process's life.");
        }

        // Recorded before the first byte: an export that fails half-way was still a read of personal data.
        await AuditFilter.RecordAsync(context.RequestServices.GetRequiredService<IAuditLog>(),
            context.RequestServices.GetRequiredService<TimeProvider>(), context, StatusCodes.Status200OK);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.json\"";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var export = new SubscriberExport(
            db, context.RequestServices.GetRequiredService<IGrainFactory>(), options, json, context.Response.Body, context.RequestAborted);
        json.WriteStartObject();
        json.WriteString("format", "switchboard-subscriber-export/1");
        json.WriteString("exportedAt", context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        json.WriteStartObject("subject");
        json.WriteString("kind", kind);
        json.WriteString("id", id);
        json.WriteString("tenantId", tenantId);
        json.WriteEndObject();
        await sections(export);
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
        return Results.Empty;
    }
}
