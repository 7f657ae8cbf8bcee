using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Grains.Extensions;

/// <summary>
/// A salted PBKDF2-HMAC-SHA256 password hash (RFC 8018 §5.2) for a future self-care portal login. The iteration
/// count is stored with the hash so raising it later does not invalidate existing ones.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.Grains.PasswordHash")]
public sealed record PasswordHash(
    [property: Id(0)] string Salt,
    [property: Id(1)] string Hash,
    [property: Id(2)] int Iterations)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static PasswordHash Create(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, iterations);
        return new PasswordHash(Convert.ToBase64String(salt), Convert.ToBase64String(hash), iterations);
    }

    public bool Verify(string password)
    {
        var expected = Convert.FromBase64String(Hash);
        var actual = Derive(password, Convert.FromBase64String(Salt), Iterations);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    public override string ToString() => $"PasswordHash {{ Iterations = {Iterations} }}";

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
