using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Calls;

/// <summary>
/// The call grain's three questions to billing. In production <see cref="AccountGrainAccounting"/> asks the paying
/// <see cref="IAccountGrain"/>; the seam lets grain tests script reservations, exhaustion and settlement failures.
/// </summary>
public interface ICallAccounting
{
    Task<CallAuthorization> Authorize(string accountId, CallAuthorizationRequest request);

    Task<ReservationExtension> Extend(string accountId, string callId, TimeSpan answeredFor);

    Task<SettlementResult> Settle(CallDetailRecord record);
}
