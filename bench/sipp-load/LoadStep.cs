using System.Diagnostics;
using System.Globalization;

namespace Switchboard.Bench.SippLoad;

/// <summary>
/// One rate step: a sipp answering machine and a sipp caller offering <c>rate</c> calls per second for a fixed
/// time, both bounded by -m and -timeout. Results come from sipp's own statistics and per-call RTT files.
/// </summary>
internal sealed record LoadStep(int Rate, TimeSpan Duration, string Edge, int CalleePort, string ScenarioDirectory, int Tenants)
{
    public async Task<LoadResult> RunAsync()
    {
        var calls = (int)(Rate * Duration.TotalSeconds);
        var work = Directory.CreateTempSubdirectory($"sipp-load-{Rate}-");
        var timeout = Duration + TimeSpan.FromSeconds(40);
        using var uas = Start(work.FullName, "uas_answer.xml", ["-p", CalleePort.ToString(CultureInfo.InvariantCulture), "-mp", "25100", "-cp", "25101", "-trace_err", "-error_file", Path.Combine(work.FullName, "callee-errors.log"), "-m", calls.ToString(CultureInfo.InvariantCulture)], timeout);
        await Task.Delay(500);
        var callerScenario = WriteCallerScenario(work.FullName);
        using var uac = Start(work.FullName, callerScenario,
        [
            "-p", "25080", "-mp", "25200", "-cp", "25201", "-r", Rate.ToString(CultureInfo.InvariantCulture), "-m", calls.ToString(CultureInfo.InvariantCulture), "-l", "5000",
            "-s", LoadTenant.Callee, "-au", LoadTenant.Caller, "-ap", LoadTenant.Password,
            "-key", "caller", LoadTenant.Caller, "-inf", WriteTenantDomains(work.FullName),
            "-trace_stat", "-stf", Path.Combine(work.FullName, "stat.csv"), "-fd", "1",
            "-trace_rtt", "-rtt_freq", "1", "-trace_err", "-error_file", Path.Combine(work.FullName, "caller-errors.log"), Edge,
        ], timeout);
        await WaitAsync(uac, timeout + TimeSpan.FromSeconds(10));
        await WaitAsync(uas, TimeSpan.FromSeconds(15));
        // The directory stays for a look at sipp's own error logs (caller-errors.log, callee-errors.log).
        return Read(work.FullName, calls) with { WorkDirectory = work.FullName };
    }

    /// <summary>
    /// The end-to-end caller scenario with the tenant domain taken from the injection file (field 0) instead of a
    /// fixed key, so each call belongs to the next tenant in turn.
    /// </summary>
    private string WriteCallerScenario(string workDirectory)
    {
        var path = Path.Combine(workDirectory, "uac_call_tenants.xml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(ScenarioDirectory, "uac_call.xml")).Replace("[domain]", "[field0]", StringComparison.Ordinal));
        return path;
    }

    private string WriteTenantDomains(string workDirectory)
    {
        var path = Path.Combine(workDirectory, "tenants.csv");
        File.WriteAllLines(path, ["SEQUENTIAL", .. Enumerable.Range(0, Tenants).Select(LoadTenant.DomainOf)]);
        return path;
    }

    private Process Start(string workDirectory, string scenario, string[] arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("sipp") { WorkingDirectory = workDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-sf", Path.Combine(ScenarioDirectory, scenario), "-i", "127.0.0.1", "-nostdin", "-timeout", $"{(int)timeout.TotalSeconds}s", "-timeout_error" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("sipp did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitAsync(Process process, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private LoadResult Read(string workDirectory, int offered)
    {
        var statLines = File.ReadAllLines(Path.Combine(workDirectory, "stat.csv"));
        var header = statLines[0].Split(';');
        var last = statLines[^1].Split(';');
        long Column(string name) => long.Parse(last[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        var successful = Column("SuccessfulCall(C)");
        var failed = Column("FailedCall(C)");

        // RTT file rows: date_ms;response_time_ms;rtd_no — rtd 1 is INVITE sent to 200 received (407 round trip included).
        var latencies = Directory.GetFiles(workDirectory, "*_rtt.csv")
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(';'))
            .Where(f => f.Length >= 3 && double.TryParse(f[1], CultureInfo.InvariantCulture, out _))
            .Select(f => double.Parse(f[1], CultureInfo.InvariantCulture))
            .Order()
            .ToArray();
        return new LoadResult(Rate, offered, successful, failed, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
