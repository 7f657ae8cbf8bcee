using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Hosting;

namespace Switchboard.Grains.Security;

/// <summary>
/// One shard of the source ban list; see <see cref="ISourceBanGrain"/>. Bans are stored (a silo loss must not
/// unban a scanner); failure counts live in the activation only, bounded by
/// <see cref="SourceBanOptions.MaxTrackedSources"/>. A change is only kept once stored, so a failed write leaves
/// the shard as it was.
/// </summary>
public sealed partial class SourceBanGrain(
    [PersistentState("source-bans", StorageNames.Grains)] IPersistentState<SourceBanState> state,
    IOptions<SourceBanOptions> options,
    TimeProvider time,
    ILogger<SourceBanGrain> logger) : Grain, ISourceBanGrain
{
    private readonly SourceBanOptions _options = options.Value;
    private readonly Dictionary<string, AuthFailureCounter> _failures = new(StringComparer.Ordinal);
    private long _version;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _version = time.GetUtcNow().UtcTicks;
        return Task.CompletedTask;
    }

    public async Task<SourceBanVerdict> ReportFailure(string address, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        var now = time.GetUtcNow();
        if (Active(address, now) is { } existing)
        {
            return new SourceBanVerdict(existing.Failures, existing, Issued: false);
        }

        var counter = Counter(address);
        var count = counter.RecordFailure(now);
        if (!count.LockedOut)
        {
            return new SourceBanVerdict(count.RecentFailures, null, Issued: false);
        }

        var ban = new SourceBan(address, now, count.LockedUntil ?? now.AddSeconds(_options.BanSeconds), count.RecentFailures, reason);
        var bans = state.State.Bans.Where(b => b.Until > now && b.Address != address).Append(ban).ToList();
        await Store(bans);
        _failures.Remove(address);
        LogBanned(logger, address, count.RecentFailures, reason, ban.Until);
        return new SourceBanVerdict(count.RecentFailures, ban, Issued: true);
    }

    public Task<SourceBanList> GetBans(long knownVersion)
    {
        if (knownVersion == _version)
        {
            return Task.FromResult(new SourceBanList(_version, null));
        }

        var now = time.GetUtcNow();
        IReadOnlyList<SourceBan> active = [.. state.State.Bans.Where(b => b.Until > now)];
        return Task.FromResult(new SourceBanList(_version, active));
    }

    public async Task<bool> Lift(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        _failures.Remove(address);
        var now = time.GetUtcNow();
        var banned = Active(address, now) is not null;
        if (state.State.Bans.Any(b => b.Address == address))
        {
            await Store([.. state.State.Bans.Where(b => b.Until > now && b.Address != address)]);
        }

        if (banned)
        {
            LogLifted(logger, address);
        }

        return banned;
    }

    private SourceBan? Active(string address, DateTimeOffset now) =>
        state.State.Bans.FirstOrDefault(b => b.Address == address && b.Until > now);

    private AuthFailureCounter Counter(string address)
    {
        if (_failures.TryGetValue(address, out var counter))
        {
            return counter;
        }

        // A spray from many addresses starts the counts over rather than growing without bound: each address
        // then needs its full count again, which costs the sprayer time, not us memory.
        if (_failures.Count >= _options.MaxTrackedSources)
        {
            _failures.Clear();
        }

        counter = new AuthFailureCounter(_options.BanFailures, TimeSpan.FromSeconds(_options.BanWindowSeconds), TimeSpan.FromSeconds(_options.BanSeconds));
        _failures[address] = counter;
        return counter;
    }

    private async Task Store(List<SourceBan> bans)
    {
        var before = state.State.Bans;
        state.State.Bans = bans;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Bans = before;
            throw;
        }

        _version++;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Address} banned after {Failures} failed authentications (last: {Reason}) until {Until}")]
    private static partial void LogBanned(ILogger logger, string address, int failures, string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ban on source {Address} lifted")]
    private static partial void LogLifted(ILogger logger, string address);
}
