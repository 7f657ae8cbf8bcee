using Microsoft.Extensions.Options;

namespace Switchboard.Sip.Transactions;

/// <summary>Start-up validation of <see cref="SipTransactionOptions"/>; each failure names the configuration key.</summary>
public sealed class SipTransactionOptionsValidator : IValidateOptions<SipTransactionOptions>
{
    public ValidateOptionsResult Validate(string? name, SipTransactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string p = SipTransactionOptions.SectionName + ":";
        var failures = new List<string>();
        if (options.T1 <= TimeSpan.Zero || options.T1 > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{p}{nameof(options.T1)} must be positive and at most 10 s.");
        }

        // RFC 3261 §17.1.2.2: T2 caps the doubling of T1, so it cannot be below it.
        if (options.T2 < options.T1 || options.T2 > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{p}{nameof(options.T2)} must be at least T1 and at most 1 minute.");
        }

        if (options.T4 <= TimeSpan.Zero || options.T4 > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{p}{nameof(options.T4)} must be positive and at most 1 minute.");
        }

        if (options.TimerD <= TimeSpan.Zero || options.TimerD > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{p}{nameof(options.TimerD)} must be positive and at most 5 minutes.");
        }

        if (options.TimerC < options.T1 * 64 || options.TimerC > TimeSpan.FromDays(1))
        {
            failures.Add($"{p}{nameof(options.TimerC)} must be at least 64*T1 and at most a day.");
        }

        if (options.AbandonedServerTransactionTimeout < options.T1 * 64 || options.AbandonedServerTransactionTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{p}{nameof(options.AbandonedServerTransactionTimeout)} must be at least 64*T1 and at most a day.");
        }

        // Below ~500 bytes even a REGISTER would not fit, and 65,507 is the largest UDP payload.
        if (options.MaxUdpRequestBytes != 0 && options.MaxUdpRequestBytes is < 500 or > 65507)
        {
            failures.Add($"{p}{nameof(options.MaxUdpRequestBytes)} must be 0 (never switch to TCP) or 500-65507.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
