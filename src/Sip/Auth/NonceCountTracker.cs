using System.Collections.Concurrent;

namespace Switchboard.Sip.Auth;

/// <summary>
/// Remembers which nonce-counts each nonce has used (RFC 7616 §3.4: "the server can detect request replays by
/// maintaining its own copy of this count"). Per edge and in memory only: a replay sent to a different edge
/// is not detected there, which is the price of nonces that need no shared state. Requests may arrive out of
/// order (parallel transactions on one nonce), so instead of a strict "greater than highest" rule it keeps a
/// 64-wide window below the highest count, like an IPsec anti-replay window.
/// </summary>
/// <remarks>
/// Bounded: entries die when their nonce expires (after that the nonce is only ever answered with
/// <c>stale=true</c>), and when the table is full the oldest-issued entries are evicted. Eviction raises a floor:
/// an untracked nonce issued at or before the floor gets <see cref="NonceCountResult.Untracked"/> rather than being
/// trusted afresh, so eviction can never reopen a replay.
/// </remarks>
internal sealed class NonceCountTracker
{
    private const int WindowSize = 64;

    private readonly ConcurrentDictionary<UInt128, Entry> _entries = new();
    private readonly int _capacity;
    private readonly long _retentionMs;
    private readonly TimeProvider _time;
    private readonly object _maintenanceLock = new();
    private long _evictionFloorMs = long.MinValue;
    private long _nextSweepMs;

    public NonceCountTracker(int capacity, TimeSpan retention, TimeProvider time)
    {
        _capacity = capacity;
        _retentionMs = (long)retention.TotalMilliseconds;
        _time = time;
    }

    public int Count => _entries.Count;

    public NonceCountResult Register(long issuedAtMs, ulong salt, uint nonceCount)
    {
        var key = new UInt128((ulong)issuedAtMs, salt);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (issuedAtMs <= Volatile.Read(ref _evictionFloorMs))
            {
                return NonceCountResult.Untracked;
            }

            MakeRoom(now);
            entry = _entries.GetOrAdd(key, static (_, expires) => new Entry(expires), issuedAtMs + _retentionMs);
        }

        return entry.TryUse(nonceCount) ? NonceCountResult.Accepted : NonceCountResult.Replay;
    }

    private void MakeRoom(long now)
    {
        if (_entries.Count < _capacity && now < Volatile.Read(ref _nextSweepMs))
        {
            return;
        }

        lock (_maintenanceLock)
        {
            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresAtMs <= now)
                {
                    _entries.TryRemove(pair);
                }
            }

            Volatile.Write(ref _nextSweepMs, now + Math.Max(1000, _retentionMs / 4));
            if (_entries.Count < _capacity)
            {
                return;
            }

            // Still full of live nonces: evict the oldest-issued eighth in one go so this O(n) pass stays rare.
            var keys = _entries.Keys.ToArray();
            Array.Sort(keys);
            var evict = Math.Max(1, keys.Length / 8);
            long floor = long.MinValue;
            for (var i = 0; i < evict; i++)
            {
                _entries.TryRemove(keys[i], out _);
                floor = Math.Max(floor, (long)(ulong)(keys[i] >> 64));
            }

            if (floor > Volatile.Read(ref _evictionFloorMs))
            {
                Volatile.Write(ref _evictionFloorMs, floor);
            }
        }
    }

    private sealed class Entry(long expiresAtMs)
    {
        private ulong _highest;
        private ulong _window;

        public long ExpiresAtMs { get; } = expiresAtMs;

        public bool TryUse(uint nonceCount)
        {
            lock (this)
            {
                if (nonceCount > _highest)
                {
                    var shift = nonceCount - _highest;
                    _window = shift >= WindowSize ? 0 : _window << (int)shift;
                    _window |= 1;
                    _highest = nonceCount;
                    return true;
                }

                var offset = _highest - nonceCount;
                if (offset >= WindowSize)
                {
                    return false;
                }

                var bit = 1UL << (int)offset;
                if ((_window & bit) != 0)
                {
                    return false;
                }

                _window |= bit;
                return true;
            }
        }
    }
}
