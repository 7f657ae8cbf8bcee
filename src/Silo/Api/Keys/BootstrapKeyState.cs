namespace Switchboard.Silo.Api.Keys;

/// <summary>
/// What the bootstrap did at start, for the banner. <see cref="CreatedKey"/> is set only when this process made a
/// new key; it is printed on the console (never logged) so the operator can copy it once.
/// </summary>
public sealed class BootstrapKeyState
{
    public string? CreatedKey { get; internal set; }

    public string? KeyId { get; internal set; }

    /// <summary>One line for the banner saying where the operator's first key comes from.</summary>
    public string Description { get; internal set; } = "not bootstrapped yet";
}
