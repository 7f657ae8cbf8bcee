namespace Switchboard.Grains.Extensions;

/// <summary>Registrar and credential knobs (configuration section <c>Registrar</c>).</summary>
public sealed class RegistrarOptions
{
    public const string SectionName = "Registrar";

    /// <summary>Shorter requested expiries get 423 Interval Too Brief (RFC 3261 §10.3 step 7).</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>Longer requested expiries are shortened to this (RFC 3261 §10.3 step 7 allows it).</summary>
    public int MaxExpires { get; set; } = 3600;

    /// <summary>Used when neither the contact nor the request says (RFC 3261 §10.2.1.1 recommends 3600).</summary>
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>Contacts one extension may have at once; more are refused with 403.</summary>
    public int MaxBindings { get; set; } = 10;

    /// <summary>Authentication failures within <see cref="AuthFailureWindow"/> that lock the extension.</summary>
    public int AuthFailureLimit { get; set; } = 5;

    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a locked extension answers 403 to every attempt, right password or not.</summary>
    public TimeSpan AuthLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (OWASP 2023: 600,000); stored with each hash.</summary>
    public int PasswordHashIterations { get; set; } = 600_000;

    /// <summary>Returns the first invalid setting, named by its configuration key, or null.</summary>
    public string? Validate() =>
        MinExpires < 1 ? Key(nameof(MinExpires)) + " must be at least 1"
        : MaxExpires < MinExpires ? Key(nameof(MaxExpires)) + " must be at least MinExpires"
        : DefaultExpires < MinExpires || DefaultExpires > MaxExpires ? Key(nameof(DefaultExpires)) + " must be between MinExpires and MaxExpires"
        : MaxBindings < 1 ? Key(nameof(MaxBindings)) + " must be at least 1"
        : AuthFailureLimit < 1 ? Key(nameof(AuthFailureLimit)) + " must be at least 1"
        : AuthFailureWindow <= TimeSpan.Zero ? Key(nameof(AuthFailureWindow)) + " must be positive"
        : AuthLockout <= TimeSpan.Zero ? Key(nameof(AuthLockout)) + " must be positive"
        : PasswordHashIterations < 1000 ? Key(nameof(PasswordHashIterations)) + " must be at least 1000"
        : null;

    private static string Key(string name) => $"{SectionName}:{name}";
}
