namespace Switchboard.Grains.Calls;

/// <summary>Which side of the B2BUA a leg is on: the caller's INVITE arrives on the caller leg, the edge sends
/// INVITEs out on callee legs (one per forked branch or failover attempt).</summary>
[GenerateSerializer, Alias("Switchboard.LegRole")]
public enum LegRole
{
    Caller = 0,
    Callee = 1,
}
