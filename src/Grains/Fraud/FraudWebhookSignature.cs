using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Grains.Fraud;

/// <summary>
/// The signature a receiver checks: header <see cref="HeaderName"/> = <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where
/// hex is HMAC-SHA256(secret, "&lt;t&gt;." + raw body), lowercase. The timestamp is signed with the body, so a receiver
/// that refuses old timestamps (5 minutes) also refuses a replayed request. Made afresh for every attempt.
/// </summary>
public static class FraudWebhookSignature
{
    public const string HeaderName = "Switchboard-Signature";

    public static string Create(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
