namespace Switchboard.Grains.TopUps;

/// <summary>
/// The coins accepted for top-ups and the validation of a deposit report. Confirmation thresholds follow common
/// exchange practice (BTC 3, LTC 6, ETH and ERC-20 12, TRC-20 19); an operator can register a different catalogue.
/// </summary>
public sealed class CoinCatalog
{
    private readonly Dictionary<string, CoinSpec> _coins;

    public CoinCatalog(IEnumerable<CoinSpec> coins) =>
        _coins = coins.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static CoinCatalog Default { get; } = new(
    [
        new("BTC", TxHashFormat.Hex64, 3),
        new("LTC", TxHashFormat.Hex64, 6),
        new("ETH", TxHashFormat.Hex64With0x, 12),
        new("USDT-ERC20", TxHashFormat.Hex64With0x, 12),
        new("USDC-ERC20", TxHashFormat.Hex64With0x, 12),
        new("USDT-TRC20", TxHashFormat.Hex64, 19),
        new("TRX", TxHashFormat.Hex64, 19),
    ]);

    public IEnumerable<CoinSpec> Coins => _coins.Values;

    /// <summary>
    /// Checks a report and returns it normalised (upper-case coin code, lower-case hash, so the same transaction
    /// written in another case is the same deposit), or the reason it is rejected.
    /// </summary>
    public bool TryValidate(CryptoDeposit deposit, out CryptoDeposit normalised, out CoinSpec? coin, out string reason)
    {
        normalised = deposit;
        coin = null;
        if (deposit.Coin is null || !_coins.TryGetValue(deposit.Coin, out coin))
        {
            reason = $"Unknown coin '{deposit.Coin}'";
            return false;
        }

        if (!IsValidHash(deposit.TxHash, coin.HashFormat))
        {
            reason = coin.HashFormat == TxHashFormat.Hex64With0x
                ? $"{coin.Code} transaction hash must be 0x followed by 64 hex digits"
                : $"{coin.Code} transaction hash must be 64 hex digits";
            return false;
        }

        if (deposit.Amount <= 0m)
        {
            reason = "Amount must be positive";
            return false;
        }

        if (deposit.Amount.Scale > 18)
        {
            reason = "Amount has more than 18 decimals";
            return false;
        }

        if (deposit.EurRate <= 0m || deposit.EurRate.Scale > 6)
        {
            reason = "EUR rate must be positive with at most 6 decimals";
            return false;
        }

        if (deposit.Confirmations < 0)
        {
            reason = "Confirmations cannot be negative";
            return false;
        }

        normalised = deposit with { Coin = coin.Code, TxHash = deposit.TxHash.ToLowerInvariant() };
        reason = "";
        return true;
    }

    private static bool IsValidHash(string? hash, TxHashFormat format)
    {
        if (hash is null)
        {
            return false;
        }

        var digits = hash.AsSpan();
        if (format == TxHashFormat.Hex64With0x)
        {
            if (!digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            digits = digits[2..];
        }

        return digits.Length == 64 && !digits.ContainsAnyExcept("0123456789abcdefABCDEF");
    }
}
