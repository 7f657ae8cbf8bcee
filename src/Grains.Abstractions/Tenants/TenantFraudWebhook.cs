namespace Switchboard.Grains.Tenants;

/// <summary>
/// Where a tenant wants to hear that one of its accounts was locked for fraud, and the secret the payload is signed
/// with (HMAC-SHA256). The secret is write-only in the API and never in <see cref="ToString"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TenantFraudWebhook")]
public sealed record TenantFraudWebhook(
    [property: Id(0)] Uri Url,
    [property: Id(1)] string Secret)
{
    public const int MinSecretLength = 24;

    public const int MaxSecretLength = 256;

    public override string ToString() => $"TenantFraudWebhook {{ Url = {Url}, Secret = *** }}";
}
