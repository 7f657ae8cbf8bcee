namespace Switchboard.Edge.Cluster;

/// <summary>
/// One circuit breaker for every grain call of the edge: when at least half of the calls in a sampling window (and
/// at least <see cref="MinimumThroughput"/> of them) failed for cluster reasons, the edge stops asking the cluster
/// for <c>breakDuration</c> and answers 503 at once. Counting is two integers per window, so a healthy call costs two
/// interlocked increments and a clock read, not a pipeline of async layers.
/// </summary>
public sealed class ClusterBreaker(TimeSpan samplingDuration, TimeSpan breakDuration, TimeProvider time)
{
    public const int MinimumThroughput = 4;

    private readonly Lock _gate = new();
    private long _windowStart = time.GetTimestamp();
    private int _calls;
    private int _failures;
    private long _openUntil;

    public bool IsOpen => _openUntil != 0 && time.GetTimestamp() < Volatile.Read(ref _openUntil);

    public void Success()
    {
        Roll();
        Interlocked.Increment(ref _calls);
    }

    public void Failure()
    {
        Roll();
        var calls = Interlocked.Increment(ref _calls);
        var failures = Interlocked.Increment(ref _failures);
        if (calls >= MinimumThroughput && failures * 2 >= calls)
        {
            lock (_gate)
            {
                Volatile.Write(ref _openUntil, time.GetTimestamp() + (long)(breakDuration.TotalSeconds * time.TimestampFrequency));
                _calls = 0;
                _failures = 0;
                _windowStart = time.GetTimestamp();
            }
        }
    }

    private void Roll()
    {
        if (time.GetElapsedTime(Volatile.Read(ref _windowStart)) < samplingDuration)
        {
            return;
        }

        lock (_gate)
        {
            if (time.GetElapsedTime(_windowStart) >= samplingDuration)
            {
                _windowStart = time.GetTimestamp();
                _calls = 0;
                _failures = 0;
            }
        }
    }
}
