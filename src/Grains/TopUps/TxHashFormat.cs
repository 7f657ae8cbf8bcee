namespace Switchboard.Grains.TopUps;

public enum TxHashFormat
{
    /// <summary>64 hex digits (Bitcoin, Litecoin, Tron): a SHA-256 double hash shown byte-reversed.</summary>
    Hex64 = 0,
    /// <summary><c>0x</c> then 64 hex digits (Ethereum and its ERC-20 tokens): a Keccak-256 hash.</summary>
    Hex64With0x = 1,
}
