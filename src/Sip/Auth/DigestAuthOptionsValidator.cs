using Microsoft.Extensions.Options;

namespace Switchboard.Sip.Auth;

/// <summary>Start-up validation of <see cref="DigestAuthOptions"/>; each failure names the configuration key.</summary>
public sealed class DigestAuthOptionsValidator : IValidateOptions<DigestAuthOptions>
{
    /// <summary>Shorter secrets make the nonce MAC guessable.</summary>
    public const int MinSecretBytes = 16;

    public ValidateOptionsResult Validate(string? name, DigestAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string prefix = DigestAuthOptions.SectionName + ":";
        if (DecodeSecret(options.NonceSecret) is null)
        {
            failures.Add($"{prefix}{nameof(options.NonceSecret)} must be base64 of at least {MinSecretBytes} random bytes, the same on every edge of the cluster (e.g. openssl rand -base64 32)");
        }

        if (options.NonceLifetime <= TimeSpan.Zero || options.NonceLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}{nameof(options.NonceLifetime)} must be positive and at most one day");
        }

        if (options.MaxClockSkew < TimeSpan.Zero || options.MaxClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}{nameof(options.MaxClockSkew)} must be between 0 and 10 minutes");
        }

        if (options.MaxTrackedNonces is < 16 or > 10_000_000)
        {
            failures.Add($"{prefix}{nameof(options.MaxTrackedNonces)} must be between 16 and 10000000");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The decoded secret, or null when it is missing, not base64, or too short.</summary>
    internal static byte[]? DecodeSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= MinSecretBytes
            ? buffer[..written]
            : null;
    }
}
