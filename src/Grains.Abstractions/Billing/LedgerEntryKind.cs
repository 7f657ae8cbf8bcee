namespace Switchboard.Grains.Billing;

/// <summary>Why a balance moved.</summary>
[GenerateSerializer, Alias("Switchboard.LedgerEntryKind")]
public enum LedgerEntryKind
{
    /// <summary>A settled call (negative amount).</summary>
    Call = 0,
    /// <summary>An operator credit or adjustment.</summary>
    Credit = 1,
    /// <summary>A confirmed crypto deposit.</summary>
    TopUp = 2,
    /// <summary>The sum of entries the retention purge deleted, so the balance still equals the ledger's sum.</summary>
    CarriedForward = 3,
}
