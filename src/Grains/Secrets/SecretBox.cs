using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Switchboard.Grains.Secrets;

/// <summary>
/// Encrypts the secrets grains must keep readable (trunk passwords, which digest responses to carriers are computed
/// from; tenant webhook secrets, which sign payloads) with ASP.NET Core Data Protection: AES-256-CBC with
/// HMAC-SHA256, a key ring that rotates every 90 days and keeps old keys to decrypt older secrets.
/// </summary>
public sealed class SecretBox(IDataProtectionProvider provider)
{
    private readonly IPersistedDataProtector _protector =
        (IPersistedDataProtector)provider.CreateProtector("Switchboard.Secrets.v1");

    public string Seal(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToBase64String(_protector.Protect(System.Text.Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>
    /// The secret, and whether it should be sealed again: its key is no longer the current one (rotation) or was
    /// revoked. Throws <see cref="CryptographicException"/> when the sealed text is not ours or was tampered with.
    /// </summary>
    public (string Secret, bool Reseal) Open(string sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        var plain = _protector.DangerousUnprotect(
            Convert.FromBase64String(sealedSecret), ignoreRevocationErrors: true, out var requiresMigration, out var wasRevoked);
        return (System.Text.Encoding.UTF8.GetString(plain), requiresMigration || wasRevoked);
    }
}
