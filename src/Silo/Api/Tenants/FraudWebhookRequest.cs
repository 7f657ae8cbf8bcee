using Switchboard.Grains.Fraud;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>
/// PUT /api/v1/tenants/{tenantId}/fraud-webhook: where the tenant hears of fraud locks, and the secret its payloads
/// are signed with (write-only). Unless <see cref="FraudWebhookOptions.AllowPrivateTenantUrls"/> is set the URL must
/// be https, and an IP address in it public (a host name is checked when it is resolved, at delivery).
/// </summary>
public sealed record FraudWebhookRequest(string? Url, string? Secret)
{
    public TenantFraudWebhook? Validate(FieldErrors errors, FraudWebhookOptions options)
    {
        Uri? url = null;
        if (errors.Required("url", Url))
        {
            if (Url!.Length > 2000 || !Uri.TryCreate(Url, UriKind.Absolute, out url) || url.Scheme is not ("https" or "http") || url.UserInfo.Length > 0)
            {
                errors.Add("url", "must be an absolute http(s) URL without user information, at most 2000 characters.");
            }
            else if (!options.AllowPrivateTenantUrls && url.Scheme != "https")
            {
                errors.Add("url", "must be https.");
            }
            else if (!options.AllowPrivateTenantUrls && System.Net.IPAddress.TryParse(url.IdnHost, out var address) && !WebhookAddresses.IsPublic(address))
            {
                errors.Add("url", "must not point at a loopback, private or link-local address.");
            }
        }

        if (errors.Required("secret", Secret) && Secret!.Length is < TenantFraudWebhook.MinSecretLength or > TenantFraudWebhook.MaxSecretLength)
        {
            errors.Add("secret", $"must be {TenantFraudWebhook.MinSecretLength}-{TenantFraudWebhook.MaxSecretLength} characters (openssl rand -base64 32).");
        }

        return errors.IsEmpty ? new TenantFraudWebhook(url!, Secret!) : null;
    }
}
