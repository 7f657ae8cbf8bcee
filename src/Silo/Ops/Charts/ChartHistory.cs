using Microsoft.Extensions.Options;

namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// The last hour of <see cref="ChartSample"/>s in a fixed ring: the sampler writes one per period, the endpoint
/// copies them out oldest first. Memory is bounded by the capacity (720 samples at 5 s), never by traffic.
/// </summary>
public sealed class ChartHistory(IOptions<OpsChartOptions> options)
{
    private readonly Lock _gate = new();
    private readonly ChartSample?[] _ring = new ChartSample?[options.Value.Capacity];
    private int _next;
    private int _count;

    public int Capacity => _ring.Length;

    public void Add(ChartSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        lock (_gate)
        {
            _ring[_next] = sample;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }
    }

    /// <summary>The samples held, oldest first.</summary>
    public IReadOnlyList<ChartSample> Snapshot()
    {
        lock (_gate)
        {
            var samples = new ChartSample[_count];
            var start = (_next - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++)
            {
                samples[i] = _ring[(start + i) % _ring.Length]!;
            }

            return samples;
        }
    }
}
