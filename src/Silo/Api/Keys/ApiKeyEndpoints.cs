using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Keys;

/// <summary>/api/v1/keys: operators create, list and revoke keys. The key is returned once, at creation.</summary>
public static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("Keys").RequireAuthorization(ApiPolicies.Operator);
        keys.MapPost("", Create).Accepts<CreateApiKeyRequest>("application/json")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created).ProducesValidationProblem();
        keys.MapGet("", List).Produces<IReadOnlyList<ApiKeyView>>();
        keys.MapDelete("/{keyId}", Revoke).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Create(HttpContext context, IApiKeyStore store, IGrainFactory grains, TimeProvider clock)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateApiKeyRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var errors = body!.Validate(out var role);
        if (errors.IsEmpty && body.TenantId is { } tenantId && await grains.Grain<ITenantGrain>(tenantId).GetSnapshot() is null)
        {
            // A key for a mistyped tenant would look valid and see nothing.
            errors.Add("tenantId", $"tenant '{tenantId}' does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var caller = ApiCaller.From(context.User);
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(ApiKeySecret.NewKeyId(), body.Name!.Trim(), role, body.TenantId, ApiKeySecret.Hash(secret),
            ApiKeySecret.Prefix(secret), clock.GetUtcNow(), caller.KeyId, RevokedAt: null);
        await store.AddAsync(key, context.RequestAborted);
        AuditFilter.Touch(context, key.KeyId);
        return TypedResults.Created($"/api/v1/keys/{key.KeyId}", new CreatedApiKey(ApiKeyView.From(key), secret));
    }

    private static async Task<IResult> List(IApiKeyStore store, CancellationToken cancellationToken)
    {
        var keys = await store.ListAsync(tenantId: null, cancellationToken);
        return TypedResults.Ok(keys.Select(ApiKeyView.From).ToList());
    }

    private static async Task<IResult> Revoke(string keyId, IApiKeyStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        await store.RevokeAsync(keyId, clock.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"API key '{keyId}'");
}
