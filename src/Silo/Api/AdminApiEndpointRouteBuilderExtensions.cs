using Switchboard.Silo.Api.Accounts;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Bans;
using Switchboard.Silo.Api.Calls;
using Switchboard.Silo.Api.Cdrs;
using Switchboard.Silo.Api.Disclosures;
using Switchboard.Silo.Api.Emergency;
using Switchboard.Silo.Api.Exports;
using Switchboard.Silo.Api.Extensions;
using Switchboard.Silo.Api.Fraud;
using Switchboard.Silo.Api.Keys;
using Switchboard.Silo.Api.Quality;
using Switchboard.Silo.Api.RatePlans;
using Switchboard.Silo.Api.Retention;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Api.Tenants;
using Switchboard.Silo.Api.TopUps;

namespace Switchboard.Silo.Api;

/// <summary>Maps /api/v1 and the OpenAPI document at /openapi/v1.json.</summary>
public static class AdminApiEndpointRouteBuilderExtensions
{
    public const string Prefix = "/api/v1";

    public static WebApplication MapAdminApi(this WebApplication endpoints)
    {
        // Routing answers a wrong Content-Type (415) or method (405) itself with an empty body; with the problem
        // details service registered, status code pages turn those into RFC 9457 bodies like every other error.
        endpoints.UseStatusCodePages();

        // An unexpected failure (a grain timing out, the database away) is a 500 problem, never a stack trace.
        endpoints.UseExceptionHandler();
        endpoints.MapOpenApi();
        // Every /api/v1 endpoint needs a valid key; endpoints narrow the role further.
        var api = endpoints.MapGroup(Prefix).RequireAuthorization(ApiPolicies.Reader).AddEndpointFilter<AuditFilter>();
        api.MapApiKeyEndpoints()
            .MapAuditEndpoints()
            .MapAccountEndpoints()
            .MapAccountStatusEndpoints()
            .MapAccountErasureEndpoints()
            .MapExtensionErasureEndpoints()
            .MapLedgerEndpoints()
            .MapTopUpEndpoints()
            .MapCdrEndpoints()
            .MapFraudAlertEndpoints()
            .MapRatePlanEndpoints()
            .MapTenantEndpoints()
            .MapOutboundBlockEndpoints()
            .MapEmergencyEndpoints()
            .MapFraudWebhookEndpoints()
            .MapTrunkEndpoints()
            .MapDidEndpoints()
            .MapExtensionEndpoints()
            .MapCallEndpoints()
            .MapRetentionEndpoints()
            .MapSubscriberExportEndpoints()
            .MapQualityEndpoints()
            .MapBanEndpoints();
        endpoints.MapDisclosureEndpoints();
        return endpoints;
    }
}
