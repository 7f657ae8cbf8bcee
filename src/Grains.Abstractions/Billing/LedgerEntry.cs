namespace Switchboard.Grains.Billing;

/// <summary>
/// One balance movement. <see cref="Reference"/> is unique per account (<c>call:&lt;call id&gt;</c>,
/// <c>topup:&lt;coin&gt;:&lt;hash&gt;</c>, or the operator's credit reference), which is what makes every movement
/// happen at most once. <see cref="Amount"/> is signed: credits positive, calls negative.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] long EntryId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string Reference,
    [property: Id(3)] LedgerEntryKind Kind,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] string Description,
    [property: Id(6)] DateTimeOffset CreatedAt);
