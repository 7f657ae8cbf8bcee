namespace Switchboard.TestKit.Prometheus;

/// <summary>Finds <c>prometheus</c> and <c>promtool</c> on PATH; fails loudly, naming the package, when absent.</summary>
public static class PrometheusBinaries
{
    public const string MissingMessage =
        "'{0}' was not found on PATH. Install the Debian package 'prometheus' " +
        "(apt-get install -y --no-install-recommends prometheus); .ci/run does this automatically.";

    public static string Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(string.Format(System.Globalization.CultureInfo.InvariantCulture, MissingMessage, name));
}
