namespace Switchboard.Grains.Telemetry;

/// <summary>
/// The grains' side of <c>Sip:LogNumbers</c> (docs/privacy.md, logs): the silo reads the same key as the edge, so one
/// switch decides whether Information-level lines show extension numbers in full, wherever they are written. The
/// grains cannot see the edge's <c>SipOptions</c> (the layers point the other way), hence this small copy of one key.
/// </summary>
public sealed class LogRedactionOptions
{
    public const string SectionName = "Sip";

    /// <summary>Off by default: numbers are masked by <see cref="Observability.NumberMask"/>.</summary>
    public bool LogNumbers { get; set; }
}
