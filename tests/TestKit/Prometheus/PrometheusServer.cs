using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.TestKit.Hosting;

namespace Switchboard.TestKit.Prometheus;

/// <summary>
/// A real Prometheus on 127.0.0.1 with a throwaway data directory, scraping the given targets every second and
/// loading the given rule files, as an operator's server would with deploy/prometheus.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts Prometheus scraping each job's targets (<c>host:port</c>) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, Uri> jobs, IEnumerable<string> ruleFiles)
    {
        var binary = PrometheusBinaries.Find("prometheus");
        var directory = Directory.CreateTempSubdirectory("switchboard-prometheus-").FullName;
        var rules = ruleFiles.Select(f => $"  - {Path.GetFullPath(f)}\n");
        var scrapes = jobs.Select(j => $"  - job_name: {j.Key}\n    static_configs:\n      - targets: [\"{j.Value.Authority}\"]\n");
        var config = $"global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n{string.Concat(rules)}scrape_configs:\n{string.Concat(scrapes)}";
        await File.WriteAllTextAsync(Path.Combine(directory, "prometheus.yml"), config);

        var port = FreePorts.Next();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config.file={Path.Combine(directory, "prometheus.yml")}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(directory, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");

        var server = new PrometheusServer(Process.Start(start)!, directory, new Uri($"http://127.0.0.1:{port}"));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !server._process.HasExited)
        {
            try
            {
                if ((await server.Http.GetAsync("/-/ready")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        var output = server.Output;
        await server.DisposeAsync();
        throw new InvalidOperationException("Prometheus did not become ready:\n" + output);
    }

    /// <summary>Runs an instant query and returns its result vector (empty when nothing matches).</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await Http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>Polls <paramref name="promql"/> until it returns a series or the timeout passes.</summary>
    public async Task<JsonElement> WaitForSeriesAsync(string promql, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var result = await QueryAsync(promql);
            if (result.GetArrayLength() > 0 || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
