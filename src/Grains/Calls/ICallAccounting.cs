using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The call grain's questions and reports to billing. In production <see cref="AccountGrainAccounting"/> asks the paying
/// <see cref="IAccountGrain"/>; the seam lets grain tests script reservations, exhaustion and settlement failures.
/// </summary>
public interface ICallAccounting
{
    Task<CallAuthorization> Authorize(string accountId, CallAuthorizationRequest request);

    Task<ReservationExtension> Extend(string accountId, string callId, TimeSpan answeredFor);

    /// <summary>The ringing call moves to another paying account (forwarded to an outside number): drop its reservation here.</summary>
    Task Release(string accountId, string callId);

    Task<SettlementResult> Settle(CallDetailRecord record);

    /// <summary>The call was answered: the account journals its lease (one-way).</summary>
    Task Answered(string accountId, CallLease lease);

    /// <summary>Batched renewal of live calls' leases (the silo's <see cref="LeaseRenewer"/>, or one call re-attaching).</summary>
    Task Renew(string accountId, IReadOnlyList<CallLease> leases);
}
