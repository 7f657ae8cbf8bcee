namespace Switchboard.Silo.Ops.Charts;

/// <summary>One trunk's ASR (percent) and ACD (seconds) over the quality grain's 5-minute window; null without calls.</summary>
public sealed record TrunkPoint(decimal? AsrPercent, decimal? AcdSeconds);
