using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Switchboard.Edge.Hosting;

/// <summary>
/// Turns a bad setting into the one line an operator reads (README: "a bad value stops the process with one line
/// naming the key"), for the silo and the standalone edge alike. Options are validated before the host starts,
/// because a failure inside the host's start is logged with its stack trace before it ever reaches us.
/// </summary>
public static class ConfigurationFailure
{
    /// <summary>Runs every <c>ValidateOnStart</c> check now; throws what <see cref="Describe"/> explains.</summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
    }

    /// <summary>
    /// "Configuration error: " and every failed rule, each naming its key, on one line; null when
    /// <paramref name="exception"/> is not a configuration error (a bug, which keeps its stack trace).
    /// </summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failures = new List<string>();
        Collect(exception, failures);
        return failures.Count == 0 ? null : "Configuration error: " + string.Join("; ", failures.Select(OneLine));
    }

    private static void Collect(Exception exception, List<string> failures)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                failures.AddRange(validation.Failures);
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, failures);
                }

                break;

            // The configuration binder's own words name the key: "Failed to convert configuration value at 'Sip:Port' ...".
            case InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                failures.Add(exception.Message.TrimEnd('.'));
                break;
            default:
                if (exception.InnerException is { } inner2)
                {
                    Collect(inner2, failures);
                }

                break;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
