namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// Count, sum and maximum of the measurements recorded since the last <see cref="Drain"/>. Recorded from whatever
/// thread finished the operation (a settlement, a PostgreSQL command), so a lock held for a few additions guards it.
/// </summary>
public sealed class LatencyWindow
{
    private readonly Lock _gate = new();
    private long _count;
    private double _sum;
    private double _max;

    public void Record(double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || milliseconds < 0)
        {
            return;
        }

        lock (_gate)
        {
            _count++;
            _sum += milliseconds;
            _max = Math.Max(_max, milliseconds);
        }
    }

    /// <summary>What was recorded since the last call, or null when nothing was; starts a new window.</summary>
    public LatencyPoint? Drain()
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                return null;
            }

            var point = new LatencyPoint(_count, Math.Round(_sum / _count, 2), Math.Round(_max, 2));
            (_count, _sum, _max) = (0, 0, 0);
            return point;
        }
    }
}
