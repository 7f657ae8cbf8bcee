namespace Switchboard.Grains.TopUps;

/// <summary>
/// A coin the payment watcher may report: how its transaction hashes look and how many confirmations make a
/// deposit final enough to credit.
/// </summary>
public sealed record CoinSpec(string Code, TxHashFormat HashFormat, int RequiredConfirmations);
