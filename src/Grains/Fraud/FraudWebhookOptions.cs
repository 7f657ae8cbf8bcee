namespace Switchboard.Grains.Fraud;

/// <summary>
/// Configuration section <c>Fraud:Webhook</c>: the operator's webhook (<see cref="Url"/>, signed with
/// <see cref="Secret"/>) and how every fraud webhook, the operator's and the tenants', is delivered.
/// </summary>
public sealed class FraudWebhookOptions
{
    public const string SectionName = "Fraud:Webhook";

    public const int MinSecretLength = 24;

    /// <summary>The operator's receiver; none when null (tenants' webhooks still work).</summary>
    public Uri? Url { get; set; }

    /// <summary>HMAC-SHA256 key for the operator's payloads; required with <see cref="Url"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>Only alerts that locked an account, or every breach (operator only: tenants hear of locks).</summary>
    public bool LockedAccountsOnly { get; set; } = true;

    /// <summary>One attempt's limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per delivery, the first included; retried on connection errors, timeouts, 408, 429 and 5xx.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; doubles with each retry, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Alerts waiting for delivery; beyond it new ones are dropped (and logged): they are in the alert table.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// Lets tenant webhook URLs be plain http and reach loopback, private and link-local addresses. Off: a tenant
    /// cannot point the silo at the cluster's own network (SSRF). For development and tests only.
    /// </summary>
    public bool AllowPrivateTenantUrls { get; set; }

    /// <summary>The first bad setting with its key, or null.</summary>
    public string? Validate()
    {
        if (Url is not null && (!Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https")))
        {
            return $"{SectionName}:Url must be an absolute http(s) URL";
        }

        if (Url is not null && (Secret is null || Secret.Length < MinSecretLength))
        {
            return $"{SectionName}:Secret must be at least {MinSecretLength} characters when {SectionName}:Url is set (openssl rand -base64 32)";
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            return $"{SectionName}:Timeout must be more than 0 and at most 1 minute";
        }

        if (MaxAttempts is < 1 or > 10)
        {
            return $"{SectionName}:MaxAttempts must be from 1 to 10";
        }

        if (FirstRetryDelay < TimeSpan.Zero || FirstRetryDelay > TimeSpan.FromMinutes(1))
        {
            return $"{SectionName}:FirstRetryDelay must be from 0 to 1 minute";
        }

        return QueueCapacity is < 1 or > 100_000 ? $"{SectionName}:QueueCapacity must be from 1 to 100000" : null;
    }
}
