using System.Diagnostics;

namespace Switchboard.TestKit.Hosting;

/// <summary>Runs a command-line tool (promtool, logrotate...) to its end and hands back its exit code and output.</summary>
public static class ToolRun
{
    /// <summary>Standard output followed by standard error; the run is cancelled after <paramref name="timeout"/>.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string binary, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
