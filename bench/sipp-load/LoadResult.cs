using System.Globalization;

namespace Switchboard.Bench.SippLoad;

/// <summary>What one rate step measured; "failed" counts calls sipp saw deviate from the scenario or never finish.</summary>
internal sealed record LoadResult(int Rate, int Offered, long Successful, long Failed, double P50, double P95, double P99)
{
    /// <summary>Where sipp's statistics and error logs of this step are.</summary>
    public string WorkDirectory { get; init; } = string.Empty;

    /// <summary>Calls that did not complete successfully, as a fraction of those offered.</summary>
    public double FailureRatio => Offered == 0 ? 1 : (double)(Offered - Successful) / Offered;

    /// <summary>The acceptance bar of the benchmark: fewer than 0.1 % failed calls.</summary>
    public bool Passed => FailureRatio < 0.001;

    public string ToRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Rate} | {Offered} | {Successful} | {Offered - Successful} ({FailureRatio:P2}) | {P50:F1} | {P95:F1} | {P99:F1} | {(Passed ? "yes" : "no")} |");
}
