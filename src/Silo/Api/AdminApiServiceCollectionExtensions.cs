using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Keys;
using Switchboard.Silo.Api.Security;
using Switchboard.Silo.Hosting;

namespace Switchboard.Silo.Api;

/// <summary>Registers the admin API: key authentication, stores, audit, problem details, OpenAPI.</summary>
public static class AdminApiServiceCollectionExtensions
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services, SiloSettings settings, IConfiguration configuration)
    {
        var bootstrapKey = configuration[BootstrapKeyService.ConfigurationKey];
        if (!string.IsNullOrEmpty(bootstrapKey) && bootstrapKey.Trim().Length < ApiKeySecret.MinimumConfiguredLength)
        {
            throw new ConfigurationException(BootstrapKeyService.ConfigurationKey,
                $"must be at least {ApiKeySecret.MinimumConfiguredLength} characters of random text (for example `openssl rand -base64 32`)");
        }

        services.TryAddSingleton(TimeProvider.System);
        if (settings.UsesPostgres)
        {
            services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
            services.AddSingleton<IAuditLog, PostgresAuditLog>();
        }
        else
        {
            services.AddSingleton<IApiKeyStore, InMemoryApiKeyStore>();
            services.AddSingleton<IAuditLog, InMemoryAuditLog>();
        }

        services.AddSingleton<AuditFilter>();
        services.AddSingleton<BootstrapKeyState>();
        services.AddHostedService<BootstrapKeyService>();
        services.AddSingleton<IStartupBannerSection, AdminApiBannerSection>();

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorization(ApiPolicies.Add);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>());
        return services;
    }
}
