namespace Switchboard.Grains.Billing;

[GenerateSerializer, Alias("Switchboard.CallDirection")]
public enum CallDirection
{
    /// <summary>Extension to extension of the same tenant.</summary>
    OnNet = 0,
    /// <summary>Out through a trunk to the PSTN or a carrier.</summary>
    Outbound = 1,
    /// <summary>In from a trunk to a DID.</summary>
    Inbound = 2,
}
