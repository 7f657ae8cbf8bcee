using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Calls;

/// <summary>Billing through the account grains (the production <see cref="ICallAccounting"/>).</summary>
public sealed class AccountGrainAccounting(IGrainFactory grains) : ICallAccounting
{
    public Task<CallAuthorization> Authorize(string accountId, CallAuthorizationRequest request) =>
        grains.Grain<IAccountGrain>(accountId).AuthorizeCall(request);

    public Task<ReservationExtension> Extend(string accountId, string callId, TimeSpan answeredFor) =>
        grains.Grain<IAccountGrain>(accountId).ExtendReservation(callId, answeredFor);

    public Task Release(string accountId, string callId) =>
        grains.Grain<IAccountGrain>(accountId).ReleaseCall(callId);

    public Task<SettlementResult> Settle(CallDetailRecord record) =>
        grains.Grain<IAccountGrain>(record.AccountId).SettleCall(record);

    public Task Answered(string accountId, CallLease lease) =>
        grains.Grain<IAccountGrain>(accountId).CallAnswered(lease);

    public Task Renew(string accountId, IReadOnlyList<CallLease> leases) =>
        grains.Grain<IAccountGrain>(accountId).RenewLeases(leases);
}
