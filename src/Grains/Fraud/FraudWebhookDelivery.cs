namespace Switchboard.Grains.Fraud;

/// <summary>One payload for one receiver. <see cref="Tenant"/>: the receiver is a tenant's (its URL is checked for SSRF).</summary>
public sealed record FraudWebhookDelivery(Uri Url, string Secret, ReadOnlyMemory<byte> Body, Guid AlertId, bool Tenant);
