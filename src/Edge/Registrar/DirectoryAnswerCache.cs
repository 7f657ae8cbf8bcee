using System.Collections.Concurrent;
using Switchboard.Edge.Cluster;

namespace Switchboard.Edge.Registrar;

/// <summary>
/// The edge's memory of directory answers (SIP domain → tenant, source address → trunk), including "none".
/// A fresh answer is used as is. An older one is refreshed, but if the refresh does not come back within a short
/// budget, or the cluster cannot answer (a directory index grain on a silo that just crashed), the last answer is
/// used and the refresh finishes in the background: a silo loss must not stop calls from parties the edge has
/// already seen (docs/architecture.md, "Failure costs"). Provisioning changes are visible after the fresh period
/// plus the directory workers' own cache time (<c>CallControl:DirectoryCacheTime</c>).
/// </summary>
public sealed class DirectoryAnswerCache<T>
    where T : class
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _freshFor;
    private readonly TimeSpan _keepFor;
    private readonly TimeSpan _refreshBudget;
    private readonly int _maxEntries;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<T?>> _refreshes = new(StringComparer.Ordinal);
    private int _count;

    /// <param name="freshFor">How long an answer is used without asking again.</param>
    /// <param name="keepFor">How long an answer may stand in when the cluster does not answer.</param>
    /// <param name="refreshBudget">How long a caller holding an older answer waits for the new one.</param>
    /// <param name="maxEntries">Bound on remembered keys; a flood of distinct keys empties the cache rather than growing it.</param>
    public DirectoryAnswerCache(TimeProvider time, TimeSpan freshFor, TimeSpan keepFor, TimeSpan refreshBudget, int maxEntries)
    {
        _time = time;
        _freshFor = freshFor;
        _keepFor = keepFor;
        _refreshBudget = refreshBudget;
        _maxEntries = maxEntries;
    }

    /// <summary>
    /// The answer for <paramref name="key"/>. <paramref name="load"/> asks the cluster; it is shared by every caller
    /// waiting on the same key, so it must not depend on one caller's cancellation.
    /// </summary>
    public async Task<T?> GetAsync(string key, Func<string, Task<T?>> load, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        Entry? known = null;
        if (_entries.TryGetValue(key, out var entry))
        {
            var age = _time.GetElapsedTime(entry.LoadedAt, now);
            if (age < _freshFor)
            {
                return entry.Value;
            }

            if (age < _keepFor)
            {
                known = entry;
            }
        }

        var refresh = Refresh(key, load);
        if (known is null)
        {
            return await refresh.WaitAsync(cancellationToken);
        }

        try
        {
            return await refresh.WaitAsync(_refreshBudget, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or ClusterUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            return known.Value;
        }
    }

    /// <summary>One refresh per key at a time: at hundreds of INVITEs a second an expired answer must not become hundreds of grain calls.</summary>
    private Task<T?> Refresh(string key, Func<string, Task<T?>> load)
    {
        if (_refreshes.TryGetValue(key, out var running))
        {
            return running;
        }

        var refresh = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_refreshes.TryAdd(key, refresh.Task))
        {
            return _refreshes.TryGetValue(key, out running) ? running : load(key);
        }

        _ = CompleteAsync(key, load, refresh);
        return refresh.Task;
    }

    private async Task CompleteAsync(string key, Func<string, Task<T?>> load, TaskCompletionSource<T?> refresh)
    {
        try
        {
            var value = await load(key);
            Store(key, value);
            refresh.SetResult(value);
        }
        catch (Exception ex)
        {
            refresh.SetException(ex);

            // Callers that fell back to the last answer no longer wait on this task; mark its failure observed.
            _ = refresh.Task.Exception;
        }
        finally
        {
            _refreshes.TryRemove(new KeyValuePair<string, Task<T?>>(key, refresh.Task));
        }
    }

    private void Store(string key, T? value)
    {
        var entry = new Entry(value, _time.GetTimestamp());
        if (_entries.TryGetValue(key, out _))
        {
            _entries[key] = entry;
            return;
        }

        // The count is approximate under races; it only has to stop unbounded growth.
        if (Interlocked.Increment(ref _count) > _maxEntries)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _entries[key] = entry;
    }

    private sealed record Entry(T? Value, long LoadedAt);
}
