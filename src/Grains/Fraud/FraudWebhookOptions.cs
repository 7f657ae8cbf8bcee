namespace Switchboard.Grains.Fraud;

/// <summary>Configuration section <c>Fraud:Webhook</c>. The sink is registered only when <see cref="Url"/> is set.</summary>
public sealed class FraudWebhookOptions
{
    public const string SectionName = "Fraud:Webhook";

    public Uri? Url { get; set; }

    /// <summary>Only alerts that locked an account, or every breach.</summary>
    public bool LockedAccountsOnly { get; set; } = true;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
