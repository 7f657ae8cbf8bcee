namespace Switchboard.Grains.Calls;

/// <summary>One callee leg of a call: its dialog, which target it went to, and how far it got.</summary>
[GenerateSerializer]
public sealed class CalleeLeg
{
    [Id(0)]
    public required LegDialog Dialog { get; set; }

    [Id(1)]
    public int TargetIndex { get; set; }

    [Id(2)]
    public LegPhase Phase { get; set; }

    /// <summary>The final response the leg got, 0 while none.</summary>
    [Id(3)]
    public int FinalStatus { get; set; }

    public bool IsPending => Phase is LegPhase.Trying or LegPhase.Early;
}
