namespace Switchboard.Grains.Extensions;

/// <summary>Digest algorithms whose HA1 is stored (RFC 3261 §22.4 MD5, RFC 8760 SHA-256).</summary>
[GenerateSerializer, Alias("Switchboard.DigestAlgorithm")]
public enum DigestAlgorithm
{
    Md5 = 0,
    Sha256 = 1,
}
