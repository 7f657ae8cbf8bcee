namespace Switchboard.Silo.Warmup;

/// <summary>
/// The private node's lifetime: none of its own. The console lifetime would take SIGTERM and Ctrl+C for the private
/// node, stop it, and let the real one start; without it a signal during the warm-up ends the process as usual.
/// </summary>
internal sealed class WarmupLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
