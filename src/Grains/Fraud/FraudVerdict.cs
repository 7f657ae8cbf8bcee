namespace Switchboard.Grains.Fraud;

/// <summary>A broken fraud rule and the reason the caller hears (in the 403 reason phrase) and operators read.</summary>
public sealed record FraudVerdict(FraudRule Rule, string Reason);
