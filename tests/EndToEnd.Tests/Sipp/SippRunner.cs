using System.Diagnostics;
using System.Globalization;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Sipp;

/// <summary>
/// Starts sipp (Debian package <c>sip-tester</c>) on 127.0.0.1 with a bounded call count (-m) and a global
/// timeout, and kills it after a hard timeout a little longer than that. A missing binary fails the test loudly.
/// </summary>
public static class SippRunner
{
    private static readonly string[] Candidates = ["/usr/bin/sipp", "/usr/local/bin/sipp"];

    /// <summary>Runs a scenario to completion.</summary>
    public static async Task<SippResult> RunAsync(SippRun run)
    {
        await using var process = Start(run);
        return await process.WaitAsync();
    }

    /// <summary>Starts a scenario in the background (e.g. a UAS that answers while a UAC calls).</summary>
    public static SippProcess Start(SippRun run)
    {
        var binary = FindBinary();
        var scenarioPath = Path.Combine(AppContext.BaseDirectory, "Scenarios", run.Scenario);
        if (!File.Exists(scenarioPath))
        {
            throw new FileNotFoundException($"sipp scenario {run.Scenario} not found under Scenarios/", scenarioPath);
        }

        var errorFile = Path.Combine(Path.GetTempPath(), $"sipp-{Path.GetFileNameWithoutExtension(run.Scenario)}-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(run, scenarioPath, errorFile))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"sipp did not start ({binary})");
        return new SippProcess(process, run.Scenario, errorFile, run.Timeout + TimeSpan.FromSeconds(10));
    }

    internal static IEnumerable<string> Arguments(SippRun run, string scenarioPath, string errorFile)
    {
        var args = new List<string>
        {
            "-sf", scenarioPath,
            "-i", run.LocalAddress,
            "-p", (run.LocalPort == 0 ? FreePorts.Next() : run.LocalPort).ToString(CultureInfo.InvariantCulture),
            // sipp binds the media port and the three after it.
            "-mp", FreePorts.NextBlock(4).ToString(CultureInfo.InvariantCulture),
            "-cp", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-m", run.Calls.ToString(CultureInfo.InvariantCulture),
            "-timeout", $"{(int)Math.Ceiling(run.Timeout.TotalSeconds)}s",
            "-timeout_error",
            "-nostdin",
            "-trace_err",
            "-error_file", errorFile,

            // sipp's default Call-ID is "<call number>-<pid>@<ip>", and this machine recycles pids (pid_max 32768):
            // a later sipp could reuse the Call-ID of a call an earlier one left on the edge, which answers 500.
            "-cid_str", $"%u-{Guid.NewGuid():N}@%s",
        };
        AddIf(args, "-r", run.Rate?.ToString(CultureInfo.InvariantCulture));
        AddIf(args, "-l", run.ConcurrentLimit?.ToString(CultureInfo.InvariantCulture));
        AddIf(args, "-s", run.Service);
        AddIf(args, "-au", run.AuthUser);
        AddIf(args, "-ap", run.AuthPassword);
        foreach (var (name, value) in run.Keys)
        {
            args.AddRange(["-key", name, value]);
        }

        args.AddRange(run.Extra);
        if (run.Remote is not null)
        {
            args.Add(run.Remote);
        }

        return args;
    }

    private static void AddIf(List<string> args, string flag, string? value)
    {
        if (value is not null)
        {
            args.AddRange([flag, value]);
        }
    }

    private static string FindBinary()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "sipp"));
        return Candidates.Concat(onPath).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("sipp not found on PATH or in /usr/bin: install the Debian package 'sip-tester' (apt-get install sip-tester)");
    }
}
