namespace Switchboard.Silo.Warmup;

/// <summary>Configuration section <c>Warmup</c>: the calls a silo places through a private node before it starts (<see cref="CallPathWarmup"/>).</summary>
public sealed class WarmupOptions
{
    public const string SectionName = "Warmup";

    /// <summary>Calls to place; 0 turns the warm-up off.</summary>
    public int Calls { get; set; } = 400;

    /// <summary>Phone lines placing them at once.</summary>
    public int Lines { get; set; } = 8;

    /// <summary>The most the warm-up may add to a start, all steps together.</summary>
    public int TimeoutSeconds { get; set; } = 45;
}
