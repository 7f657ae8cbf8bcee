namespace Switchboard.Silo.Ops.Charts;

/// <summary>Operations measured in one sample period: how many, their mean and the slowest, in milliseconds.</summary>
public sealed record LatencyPoint(long Count, double MeanMs, double MaxMs);
