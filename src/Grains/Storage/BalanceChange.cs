namespace Switchboard.Grains.Storage;

/// <summary>The result of an idempotent balance movement: <see cref="Applied"/> is false when the reference was already used.</summary>
public readonly record struct BalanceChange(bool Applied, decimal Balance);
