namespace Switchboard.Silo.Ops.Charts;

/// <summary>
/// Every chart's value at one instant. Call counts, trunk quality and failures are cluster-wide (read from grains);
/// the latencies are the sampling silo's own. <see cref="Trunks"/> is keyed <c>tenant/trunk</c> and
/// <see cref="Failures"/> by final SIP status.
/// </summary>
public sealed record ChartSample(
    DateTimeOffset At,
    double CallsPerSecond,
    long ActiveCalls,
    IReadOnlyDictionary<string, TrunkPoint> Trunks,
    IReadOnlyDictionary<int, long> Failures,
    LatencyPoint? Settlement,
    LatencyPoint? Database);
