namespace Switchboard.Grains.Observability;

/// <summary>One silo's recent samples, oldest first, trimmed to <see cref="ClusterStatsGrain.Window"/> of its own clock.</summary>
internal sealed class SiloHistory
{
    private readonly Queue<SiloCallSample> _samples = new();

    public SiloCallSample Latest { get; private set; } = null!;

    public DateTimeOffset ReceivedAt { get; private set; }

    public void Add(SiloCallSample sample, DateTimeOffset receivedAt)
    {
        Latest = sample;
        ReceivedAt = receivedAt;
        _samples.Enqueue(sample);
        while (_samples.Count > 2 && sample.At - _samples.Peek().At > ClusterStatsGrain.Window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Calls started per second between the oldest and newest sample; 0 until two samples span time.</summary>
    public double CallsPerSecond()
    {
        var first = _samples.Peek();
        var seconds = (Latest.At - first.At).TotalSeconds;
        return seconds > 0 ? Math.Max(0, Latest.CallsStarted - first.CallsStarted) / seconds : 0;
    }
}
