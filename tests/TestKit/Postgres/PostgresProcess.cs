using System.Diagnostics;

namespace Switchboard.TestKit.Postgres;

/// <summary>Runs a PostgreSQL command-line tool, optionally as another user, and fails with its output.</summary>
internal static class PostgresProcess
{
    public static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string? asUser)
    {
        var start = asUser is null
            ? new ProcessStartInfo(fileName)
            : new ProcessStartInfo("runuser", ["-u", asUser, "--", fileName]);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
