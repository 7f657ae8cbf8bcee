namespace Switchboard.Silo.Ops.Charts;

/// <summary>One line of a chart: a value per sample time (null where the line has no value), aligned with <see cref="OpsCharts.Times"/>.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double?> Values);
