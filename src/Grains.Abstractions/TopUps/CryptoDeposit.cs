namespace Switchboard.Grains.TopUps;

/// <summary>
/// A deposit seen on a blockchain, reported (possibly many times, with growing <see cref="Confirmations"/>) by a
/// payment watcher. <see cref="Coin"/> is a catalogue code such as <c>BTC</c>, <c>ETH</c>, <c>USDT-TRC20</c>;
/// <see cref="EurRate"/> is the EUR price of one coin the watcher used.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CryptoDeposit")]
public sealed record CryptoDeposit(
    [property: Id(0)] string Coin,
    [property: Id(1)] string TxHash,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] int Confirmations,
    [property: Id(4)] decimal EurRate);
