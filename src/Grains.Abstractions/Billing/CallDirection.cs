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
    /// <summary>An extension dialled one of its tenant's emergency numbers: routed past every credit and fraud check, never billed.</summary>
    Emergency = 3,
}
