using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>Billing through the account grains (the production <see cref="ICallAccounting"/>).</summary>
public sealed class AccountGrainAccounting(IGrainFactory grains) : ICallAccounting
{
    public Task<CallAuthorization> Authorize(string accountId, CallAuthorizationRequest request) =>
        grains.GetGrain<IAccountGrain>(accountId).AuthorizeCall(request);

    public Task<ReservationExtension> Extend(string accountId, string callId, TimeSpan answeredFor) =>
        grains.GetGrain<IAccountGrain>(accountId).ExtendReservation(callId, answeredFor);

    public Task<SettlementResult> Settle(CallDetailRecord record) =>
        grains.GetGrain<IAccountGrain>(record.AccountId).SettleCall(record);

    public Task Answered(string accountId, CallLease lease) =>
        grains.GetGrain<IAccountGrain>(accountId).CallAnswered(lease);

    public Task Renew(string accountId, IReadOnlyList<CallLease> leases) =>
        grains.GetGrain<IAccountGrain>(accountId).RenewLeases(leases);
}
