namespace Switchboard.Grains.Extensions;

/// <summary>
/// Sliding-window count of digest failures for one extension: <c>limit</c> failures within <c>window</c> lock
/// it for <c>lockout</c> (the Kamailio/fail2ban pattern: 5 in 10 min → 15 min). A success does not reset the
/// count, so an attacker cannot interleave guesses with a phone's good registrations to stay under the limit.
/// Kept in the activation only: it is a brake, not a record.
/// </summary>
public sealed class AuthFailureCounter(int limit, TimeSpan window, TimeSpan lockout)
{
    private readonly Queue<DateTimeOffset> _failures = new();

    public DateTimeOffset? LockedUntil { get; private set; }

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && now < until;

    public AuthLockout RecordFailure(DateTimeOffset now)
    {
        while (_failures.Count > 0 && now - _failures.Peek() >= window)
        {
            _failures.Dequeue();
        }

        _failures.Enqueue(now);
        var recent = _failures.Count;
        if (recent >= limit && !IsLocked(now))
        {
            LockedUntil = now + lockout;

            // The lock is the penalty for these failures; counting starts afresh behind it.
            _failures.Clear();
        }

        var locked = IsLocked(now);
        return new AuthLockout(recent, locked, locked ? LockedUntil : null);
    }
}
