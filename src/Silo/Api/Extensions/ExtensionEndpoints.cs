using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Storage;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Api.Tenants;

namespace Switchboard.Silo.Api.Extensions;

/// <summary>
/// /api/v1/tenants/{tenantId}/extensions: operators and the tenant's admins create, change and delete
/// extensions; keys that see the tenant read them and their registrations. Credentials are written as a password
/// and never come back. The list pages through the tenant's <see cref="IExtensionIndexGrain"/>.
/// </summary>
public static class ExtensionEndpoints
{
    public static RouteGroupBuilder MapExtensionEndpoints(this RouteGroupBuilder api)
    {
        var extensions = api.MapGroup("/tenants/{tenantId}/extensions").WithTags("Extensions");
        extensions.MapPost("", Create).RequireAuthorization(ApiPolicies.Writer).Accepts<ExtensionRequest>("application/json")
            .Produces<ExtensionSnapshot>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        extensions.MapGet("", List).AuditReads().Produces<Page<ExtensionSnapshot>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        extensions.MapGet("/{number}", Get).AuditReads().Produces<ExtensionSnapshot>().ProducesProblem(StatusCodes.Status404NotFound);
        extensions.MapPut("/{number}", Update).RequireAuthorization(ApiPolicies.Writer).Accepts<ExtensionRequest>("application/json")
            .Produces<ExtensionSnapshot>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        extensions.MapDelete("/{number}", Delete).RequireAuthorization(ApiPolicies.Writer)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        extensions.MapGet("/{number}/bindings", Bindings).AuditReads().Produces<IReadOnlyList<BindingView>>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Create(HttpContext context, string tenantId, IGrainFactory grains, IAccountStore accounts)
    {
        var (body, problem) = await JsonBody.ReadAsync<ExtensionRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (_, missing) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: true);
        if (missing is not null)
        {
            return missing;
        }

        var errors = body!.Validate(create: true);
        var forwarding = body.Forwarding?.Read(errors, body.Number ?? string.Empty);
        await CheckAccountAsync(errors, accounts, tenantId, body.AccountId, context.RequestAborted);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var key = ExtensionKeys.For(tenantId, body.Number!);
        AuditFilter.Touch(context, key);
        // Validated above with the grain's own rules: anything ProvisionNew throws is a bug or an outage (500).
        // The existence check is the grain's, in the same turn as the write: of two concurrent creates one wins.
        var created = await grains.Grain<IExtensionGrain>(key).ProvisionNew(new ExtensionSettings(body.DisplayName ?? "", body.Enabled ?? true,
            body.AccountId, DigestAlgorithmsField.Read(errors, "digestAlgorithms", body.DigestAlgorithms), body.RecordingOptIn ?? false,
            string.IsNullOrEmpty(body.EmergencyLocation) ? null : body.EmergencyLocation, forwarding), body.Password);
        return created is null
            ? ApiProblems.Conflict($"Extension {body.Number} of tenant '{tenantId}' already exists.")
            : TypedResults.Created($"/api/v1/tenants/{tenantId}/extensions/{body.Number}", created);
    }

    private static async Task<IResult> List(HttpContext context, string tenantId, IGrainFactory grains, string? limit, string? offset)
    {
        var errors = new FieldErrors();
        var paging = Paging.Read(errors, limit, offset);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write: false);
        if (problem is not null)
        {
            return problem;
        }

        // Each item is what GET .../extensions/{number} shows (no credentials). A number indexed by a provision
        // whose save then failed has no snapshot: skipped, but it counts towards the page so "next" follows the index.
        var numbers = await grains.Grain<IExtensionIndexGrain>(tenantId).List(paging.Offset, paging.Limit);
        var snapshots = await Task.WhenAll(numbers.Select(n => grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, n)).GetSnapshot()));
        return TypedResults.Ok(new Page<ExtensionSnapshot>(snapshots.OfType<ExtensionSnapshot>().ToList(), paging.PageOf(numbers).Next));
    }

    private static async Task<IResult> Get(HttpContext context, string tenantId, string number, IGrainFactory grains)
    {
        var (extension, problem) = await ReadAsync(context, tenantId, number, grains, write: false);
        return problem ?? TypedResults.Ok(extension);
    }

    private static async Task<IResult> Update(HttpContext context, string tenantId, string number, IGrainFactory grains, IAccountStore accounts)
    {
        var (body, problem) = await JsonBody.ReadAsync<ExtensionRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (extension, missing) = await ReadAsync(context, tenantId, number, grains, write: true);
        if (missing is not null)
        {
            return missing;
        }

        var errors = body!.Validate(create: false);
        var forwarding = body.Forwarding is null ? extension!.Settings.Forwarding : body.Forwarding.Read(errors, number);
        await CheckAccountAsync(errors, accounts, tenantId, body.AccountId, context.RequestAborted);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Invalid(errors);
        }

        // Absent keeps the extension's digest choice; an empty list reads as null, the tenant's again.
        var algorithms = body.DigestAlgorithms is null ? extension!.Settings.DigestAlgorithms : DigestAlgorithmsField.Read(errors, "digestAlgorithms", body.DigestAlgorithms);
        var settings = new ExtensionSettings(body.DisplayName ?? extension!.Settings.DisplayName, body.Enabled ?? extension!.Settings.Enabled, body.AccountId, algorithms,
            body.RecordingOptIn ?? extension!.Settings.RecordingOptIn,
            body.EmergencyLocation is null ? extension!.Settings.EmergencyLocation : body.EmergencyLocation.Length == 0 ? null : body.EmergencyLocation,
            forwarding);
        return TypedResults.Ok(await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number)).Provision(settings, body.Password));
    }

    private static async Task<IResult> Delete(HttpContext context, string tenantId, string number, IGrainFactory grains)
    {
        var (_, missing) = await ReadAsync(context, tenantId, number, grains, write: true);
        if (missing is not null)
        {
            return missing;
        }

        await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number)).Deprovision();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Bindings(HttpContext context, string tenantId, string number, IGrainFactory grains)
    {
        var (_, missing) = await ReadAsync(context, tenantId, number, grains, write: false);
        if (missing is not null)
        {
            return missing;
        }

        var bindings = await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number)).GetBindings();
        return TypedResults.Ok(bindings.Select(BindingView.From).ToList());
    }

    private static async Task<(ExtensionSnapshot? Extension, IResult? Problem)> ReadAsync(
        HttpContext context, string tenantId, string number, IGrainFactory grains, bool write)
    {
        var (_, problem) = await TenantAccess.ReadAsync(ApiCaller.From(context.User), grains, tenantId, write);
        if (problem is not null)
        {
            return (null, problem);
        }

        var extension = ExtensionNumbers.IsValid(number)
            ? await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number)).GetSnapshot()
            : null;
        return extension is null ? (null, ApiProblems.NotFound($"Extension {number} of tenant '{tenantId}'")) : (extension, null);
    }

    /// <summary>An extension may pay from its own account, but only one of its own tenant.</summary>
    private static async Task CheckAccountAsync(FieldErrors errors, IAccountStore accounts, string tenantId, string? accountId, CancellationToken cancellationToken)
    {
        if (accountId is not null && errors.IsEmpty
            && (await accounts.GetAsync(accountId, cancellationToken))?.TenantId != tenantId)
        {
            errors.Add("accountId", $"account '{accountId}' is not an account of tenant '{tenantId}'.");
        }
    }
}
