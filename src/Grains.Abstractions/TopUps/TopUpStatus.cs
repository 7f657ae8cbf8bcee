namespace Switchboard.Grains.TopUps;

[GenerateSerializer, Alias("Switchboard.TopUpStatus")]
public enum TopUpStatus
{
    /// <summary>Seen, not yet confirmed enough to credit.</summary>
    Pending = 0,
    /// <summary>Credited to the balance (exactly once).</summary>
    Credited = 1,
    /// <summary>Not accepted: malformed, unknown coin, or a hash already reported for another account.</summary>
    Rejected = 2,
}
