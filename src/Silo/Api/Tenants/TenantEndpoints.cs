using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// /api/v1/tenants: operators create tenants and change their settings; a tenant admin reads its own tenant and
/// sets its call policies. Policies merge (PUT or PATCH): what a request leaves out keeps its stored value, and only
/// an operator's <see cref="OutboundBlockEndpoints"/> can stop or restart outbound calls over a tenant's head.
/// The list pages through <see cref="ITenantRegistryGrain"/>; a key bound to a tenant lists only its own.
/// </summary>
public static class TenantEndpoints
{
    public static RouteGroupBuilder MapTenantEndpoints(this RouteGroupBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapPost("", Create).RequireAuthorization(ApiPolicies.Operator).Accepts<TenantRequest>("application/json")
            .Produces<TenantView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        tenants.MapGet("", List).Produces<Page<TenantView>>().ProducesValidationProblem();
        tenants.MapGet("/{tenantId}", Get).Produces<TenantView>().ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPut("/{tenantId}", Update).RequireAuthorization(ApiPolicies.Operator).Accepts<TenantRequest>("application/json")
            .Produces<TenantView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenants.MapPut("/{tenantId}/policies", SetPolicies).RequireAuthorization(ApiPolicies.Writer).Accepts<PoliciesRequest>("application/json")
            .Produces<TenantView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPatch("/{tenantId}/policies", SetPolicies).RequireAuthorization(ApiPolicies.Writer).Accepts<PoliciesRequest>("application/json", "application/merge-patch+json")
            .Produces<TenantView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Create(HttpContext context, IGrainFactory grains, IAccountStore accounts)
    {
        var (body, problem) = await JsonBody.ReadAsync<TenantRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var settings = body!.ToSettings(errors);
        if (settings is not null)
        {
            await CheckAccountAsync(errors, accounts, body.TenantId!, settings.AccountId, context.RequestAborted);
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        AuditFilter.Touch(context, body.TenantId!);
        var grain = grains.Grain<ITenantGrain>(body.TenantId!);
        return GrainErrors.Map(await grain.Create(settings!),
            tenant => TypedResults.Created($"/api/v1/tenants/{body.TenantId}", TenantView.From(tenant, ApiCaller.From(context.User))));
    }

    private static async Task<IResult> List(HttpContext context, IGrainFactory grains, string? limit, string? offset)
    {
        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        // A bound key's list is its own tenant, never the registry: it must not learn which other tenants exist.
        IReadOnlyList<string> ids = ApiCaller.From(context.User).TenantId is { } own
            ? (paging.Offset == 0 ? [own] : [])
            : await grains.Grain<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List(paging.Offset, paging.Limit);

        // An id registered by a create whose save then failed has no snapshot: skipped, but it still counts
        // towards the page so that "next" follows the registry.
        var snapshots = await Task.WhenAll(ids.Select(id => grains.Grain<ITenantGrain>(id).GetSnapshot()));
        var views = snapshots.OfType<TenantSnapshot>().Select(t => TenantView.From(t, ApiCaller.From(context.User))).ToList();
        return TypedResults.Ok(new Page<TenantView>(views, paging.PageOf(ids).Next));
    }

    private static async Task<IResult> Get(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (tenant, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: false);
        return problem ?? TypedResults.Ok(TenantView.From(tenant!, ApiCaller.From(context.User)));
    }

    private static async Task<IResult> Update(HttpContext context, string tenantId, IGrainFactory grains, IAccountStore accounts)
    {
        var (body, problem) = await JsonBody.ReadAsync<TenantRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (missing is not null)
        {
            return missing;
        }

        var errors = new FieldErrors();
        var change = body!.ToChange(errors, create: false);
        if (change is not null)
        {
            await CheckAccountAsync(errors, accounts, tenantId, change.AccountId, context.RequestAborted);
        }

        return errors.IsEmpty
            ? GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).Change(change!), tenant => TypedResults.Ok(TenantView.From(tenant, ApiCaller.From(context.User))))
            : ApiProblems.Invalid(errors);
    }

    private static async Task<IResult> SetPolicies(HttpContext context, string tenantId, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<PoliciesRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (tenant, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (missing is not null)
        {
            return missing;
        }

        var errors = new FieldErrors();
        var patch = body!.ToPatch(errors, "");
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        // The grain never lifts a block through policies; refusing here tells a tenant admin so instead of a 200
        // whose outboundAllowed stays false.
        if (patch.OutboundAllowed == true && tenant!.OutboundBlock is { } block && !ApiCaller.From(context.User).IsOperator)
        {
            return ApiProblems.Forbidden($"Outbound calling is blocked by the operator ({block.Reason}); only an operator can lift the block.");
        }

        return GrainErrors.Map(await grains.Grain<ITenantGrain>(tenantId).UpdatePolicies(patch), t => TypedResults.Ok(TenantView.From(t, ApiCaller.From(context.User))));
    }

    /// <summary>The paying account may be opened after the tenant, but never be another tenant's.</summary>
    private static async Task CheckAccountAsync(FieldErrors errors, IAccountStore accounts, string tenantId, string accountId, CancellationToken cancellationToken)
    {
        if (await accounts.GetAsync(accountId, cancellationToken) is { } account && account.TenantId != tenantId)
        {
            errors.Add("accountId", $"account '{accountId}' belongs to another tenant.");
        }
    }
}
