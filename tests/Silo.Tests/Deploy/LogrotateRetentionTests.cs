using System.Globalization;
using Switchboard.TestKit.Files;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Silo.Tests.Deploy;

/// <summary>
/// deploy/logrotate/switchboard, run by the real logrotate on a directory of the test's own (the shipped file with
/// only its path changed): logs are kept 90 days, as docs/privacy.md promises. Rotated files are aged by their
/// modification time, which is what logrotate's maxage reads.
/// </summary>
public sealed class LogrotateRetentionTests : IDisposable
{
    private const string MissingMessage =
        "logrotate was not found in /usr/sbin or on PATH. Install the Debian package 'logrotate' " +
        "(apt-get install -y --no-install-recommends logrotate); .ci/run does this automatically.";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("sb-logrotate-");

    [Fact]
    public async Task Logrotate_ShippedConfig_RotatesAndRemovesWhatIsOlderThan90Days()
    {
        var logs = _root.CreateSubdirectory("logs").FullName;
        await File.WriteAllTextAsync(Path.Combine(logs, "silo.log"), "today's line\n");
        var expired = Rotated(logs, daysAgo: 91);
        var kept = Rotated(logs, daysAgo: 89);
        var config = Path.Combine(_root.FullName, "switchboard");
        var shipped = await File.ReadAllTextAsync(RepositoryFile.Find("deploy/logrotate/switchboard"));
        Assert.Contains("/var/log/switchboard/*.log {", shipped);
        await File.WriteAllTextAsync(config, shipped.Replace("/var/log/switchboard/", logs + "/", StringComparison.Ordinal));

        // --force stands in for the day having passed since the last rotation.
        var (exit, output) = await LogrotateAsync("--state", Path.Combine(_root.FullName, "state"), "--force", "--verbose", config);

        Assert.True(exit == 0, output);
        Assert.False(File.Exists(expired), output);
        Assert.True(File.Exists(kept), output);
        Assert.Equal(0, new FileInfo(Path.Combine(logs, "silo.log")).Length);
        var today = Path.Combine(logs, "silo.log-" + DateTime.Now.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        Assert.Equal("today's line\n", await File.ReadAllTextAsync(today));
    }

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>A compressed rotated file named and dated as logrotate (dateext) would have left it.</summary>
    private static string Rotated(string logs, int daysAgo)
    {
        var at = DateTime.Now.AddDays(-daysAgo);
        var path = Path.Combine(logs, "silo.log-" + at.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".gz");
        File.WriteAllBytes(path, [0x1f, 0x8b]);
        File.SetLastWriteTime(path, at);
        return path;
    }

    private static Task<(int Exit, string Output)> LogrotateAsync(params string[] arguments)
    {
        var binary = new[] { "/usr/sbin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Select(d => Path.Combine(d, "logrotate"))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(MissingMessage);
        return ToolRun.RunAsync(binary, arguments, TimeSpan.FromSeconds(60));
    }
}
