using System.Diagnostics;
using System.Text;

namespace Switchboard.EndToEnd.Tests.Sipp;

/// <summary>A running sipp; <see cref="WaitAsync"/> kills it when the hard timeout passes, so no test can hang on it.</summary>
public sealed class SippProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _errorFile;
    private readonly TimeSpan _hardTimeout;

    internal SippProcess(Process process, string scenario, string errorFile, TimeSpan hardTimeout)
    {
        _process = process;
        Scenario = scenario;
        _errorFile = errorFile;
        _hardTimeout = hardTimeout;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Scenario { get; }

    public async Task<SippResult> WaitAsync()
    {
        var timedOut = false;
        using (var timeout = new CancellationTokenSource(_hardTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        var errors = File.Exists(_errorFile) ? await File.ReadAllTextAsync(_errorFile) : string.Empty;
        lock (_output)
        {
            return new SippResult(Scenario, _process.ExitCode, timedOut, _output.ToString(), errors);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
