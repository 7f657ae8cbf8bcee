namespace Switchboard.Grains.Accounts;

using Switchboard.Grains.Billing;
using Switchboard.Grains.TopUps;

/// <summary>
/// One prepaid (or credit-limited) account: balance, reservations held by live calls, fraud counters.
/// Keyed by account id (for example <c>acct-demo</c>); keys always start with a letter so Orleans never
/// mistakes them for integer keys (see docs/architecture.md, storage pitfalls).
/// </summary>
[Alias("Switchboard.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account or changes its settings; the balance only moves through ledger operations.</summary>
    [Alias("Open")]
    Task<AccountSnapshot> Open(AccountSettings settings);

    /// <summary>
    /// Creates the account only if the id is free (the store's unique key decides, so of two concurrent calls,
    /// across activations too, exactly one wins); null when it already exists, and then nothing changed.
    /// </summary>
    [Alias("OpenNew")]
    Task<AccountSnapshot?> OpenNew(AccountSettings settings);

    [Alias("GetSnapshot")]
    Task<AccountSnapshot> GetSnapshot();

    /// <summary>At INVITE: rate the destination, apply fraud limits and reserve credit for the first slice.</summary>
    [Alias("AuthorizeCall")]
    Task<CallAuthorization> AuthorizeCall(CallAuthorizationRequest request);

    /// <summary>
    /// While the call lasts: extend the call's reservation by one more slice, if the balance allows. Unknown (the
    /// account lost it with its silo) is answered <see cref="ReservationExtension.Known"/> false; the call grain then
    /// shows its lease through <see cref="RenewLeases"/> and asks again.
    /// </summary>
    [Alias("ExtendReservation")]
    Task<ReservationExtension> ExtendReservation(string callId, TimeSpan answeredFor);

    /// <summary>
    /// Before an answer: the call is no longer this account's to pay (it was forwarded to an outside number, which
    /// the forwarding extension's account pays). Drops its reservation without a CDR, and ignores its late lease
    /// renewals, until the call is authorised here again.
    /// </summary>
    [Alias("ReleaseCall")]
    Task ReleaseCall(string callId);

    /// <summary>
    /// The call was answered: from now on its lease is journalled in the store, so the call is billed even if the
    /// silo holding the call grain dies. One-way: the answer to the caller never waits for it.
    /// </summary>
    [Alias("CallAnswered"), Orleans.Concurrency.OneWay, Orleans.Concurrency.AlwaysInterleave]
    Task CallAnswered(CallLease lease);

    /// <summary>
    /// Batched keep-alive of live calls (one message per silo and account every few seconds). A reservation not
    /// renewed within the lease time belongs to a lost call: the account settles it up to its last renewal.
    /// </summary>
    [Alias("RenewLeases"), Orleans.Concurrency.AlwaysInterleave]
    Task RenewLeases(IReadOnlyList<CallLease> leases);

    /// <summary>Wakes the account so it loads the journalled leases of calls whose silo was lost.</summary>
    [Alias("RecoverLeases")]
    Task RecoverLeases();

    /// <summary>
    /// At call end: write the CDR and ledger row and move the balance, once per call id however often it is called.
    /// Calls that never connected settle with zero cost and still leave their CDR.
    /// </summary>
    [Alias("SettleCall"), Orleans.Concurrency.AlwaysInterleave]
    Task<SettlementResult> SettleCall(CallDetailRecord record);

    /// <summary>Credits money (an operator adjustment); idempotent by <see cref="AccountCredit.Reference"/>.</summary>
    [Alias("Credit")]
    Task<AccountSnapshot> Credit(AccountCredit credit);

    /// <summary>
    /// A crypto deposit seen by a payment watcher, reported again as confirmations grow. Pending until the coin's
    /// confirmation threshold, then credited exactly once per (coin, hash).
    /// </summary>
    [Alias("ReportDeposit")]
    Task<TopUpResult> ReportDeposit(CryptoDeposit deposit);

    /// <summary>Locks, unlocks (Active) or cancels the account. A locked or cancelled account authorises no call.</summary>
    [Alias("SetStatus")]
    Task<AccountSnapshot> SetStatus(AccountStatus status, string reason);
}
