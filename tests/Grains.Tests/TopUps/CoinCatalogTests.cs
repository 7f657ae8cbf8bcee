using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Tests.TopUps;

public sealed class CoinCatalogTests
{
    private const string Hex64 = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    [Theory]
    [InlineData("BTC", Hex64, 3)]
    [InlineData("btc", "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90", 3)]
    [InlineData("ETH", "0x" + Hex64, 12)]
    [InlineData("USDT-TRC20", Hex64, 19)]
    [InlineData("USDT-ERC20", "0X" + Hex64, 12)]
    public void TryValidate_WellFormed_NormalisesCoinAndHash(string coin, string hash, int confirmations)
    {
        var ok = CoinCatalog.Default.TryValidate(new CryptoDeposit(coin, hash, 0.5m, 0, 60000m), out var normalised, out var spec, out _);

        Assert.True(ok);
        Assert.Equal(coin.ToUpperInvariant(), normalised.Coin);
        Assert.Equal(hash.ToLowerInvariant(), normalised.TxHash);
        Assert.Equal(confirmations, spec!.RequiredConfirmations);
    }

    [Theory]
    [InlineData("DOGE", Hex64, "1", "1", "Unknown coin")]
    [InlineData("BTC", "0x" + Hex64, "1", "1", "64 hex")]            // an Ethereum hash for a Bitcoin deposit
    [InlineData("ETH", Hex64, "1", "1", "0x")]                       // missing 0x
    [InlineData("BTC", "g1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "1", "1", "hex")]
    [InlineData("BTC", "a1b2", "1", "1", "64 hex")]
    [InlineData("BTC", Hex64, "0", "1", "positive")]
    [InlineData("BTC", Hex64, "-1", "1", "positive")]
    [InlineData("BTC", Hex64, "1", "0", "EUR rate")]
    public void TryValidate_Malformed_RejectsWithReason(string coin, string hash, string amount, string rate, string reasonPart)
    {
        var ok = CoinCatalog.Default.TryValidate(new CryptoDeposit(coin, hash, decimal.Parse(amount), 1, decimal.Parse(rate)), out _, out _, out var reason);

        Assert.False(ok);
        Assert.Contains(reasonPart, reason);
    }
}
