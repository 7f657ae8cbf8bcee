namespace Switchboard.Grains.Calls;

/// <summary>Who sent the INVITE: an authenticated extension of a tenant, or a carrier trunk recognised by its
/// source address.</summary>
[GenerateSerializer, Alias("Switchboard.CallOriginKind")]
public enum CallOriginKind
{
    Extension = 0,
    Trunk = 1,
}
