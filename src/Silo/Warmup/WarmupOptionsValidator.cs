using Microsoft.Extensions.Options;

namespace Switchboard.Silo.Warmup;

/// <summary>Start-up check of <see cref="WarmupOptions"/>; every failure names the configuration key.</summary>
internal sealed class WarmupOptionsValidator : IValidateOptions<WarmupOptions>
{
    public ValidateOptionsResult Validate(string? name, WarmupOptions options)
    {
        var failures = new List<string>();
        Check(failures, "Calls", options.Calls, 0, 100_000);
        Check(failures, "Lines", options.Lines, 1, 256);
        Check(failures, "TimeoutSeconds", options.TimeoutSeconds, 1, 600);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{WarmupOptions.SectionName}:{key} must be from {min} to {max} (got {value})");
        }
    }
}
