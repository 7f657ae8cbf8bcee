using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Security;

namespace Switchboard.Edge.Security;

/// <summary>
/// Copies the cluster's ban list into <see cref="BannedSources"/>: every <see cref="SecurityOptions.BanPollMilliseconds"/>
/// it asks each shard whether its version moved, which is a few small calls a second and almost always answers
/// "nothing new". Polling rather than a push over an observer: a silo loss loses observers silently, while a poll
/// simply resumes, and until it does the edge keeps dropping what it last knew to be banned.
/// </summary>
internal sealed class SourceBanSync(
    IGrainFactory grains,
    BannedSources bans,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    ILogger<SourceBanSync> logger) : BackgroundService
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
    private readonly long[] _versions = new long[SourceBanShards.Count];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMilliseconds(options.Value.BanPollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            for (var shard = 0; shard < SourceBanShards.Count && !stoppingToken.IsCancellationRequested; shard++)
            {
                await PollAsync(shard, stoppingToken);
            }

            await Task.Delay(every, time, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private async Task PollAsync(int shard, CancellationToken stoppingToken)
    {
        try
        {
            var list = await grains.Grain<ISourceBanGrain>(shard).GetBans(_versions[shard]).WaitAsync(CallTimeout, time, stoppingToken);
            if (list.Bans is { } current)
            {
                bans.Replace(shard, current);
            }

            _versions[shard] = list.Version;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            EdgeLog.BanPollFailed(logger, shard, ex.GetType().Name);
        }
    }
}
