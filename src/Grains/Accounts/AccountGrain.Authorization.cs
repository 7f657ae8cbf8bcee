using Microsoft.Extensions.Logging;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Accounts;

internal sealed partial class AccountGrain
{
    // E.164 (ITU-T E.164 §6): at most 15 digits, country code first; we receive it without the '+'.
    private const int MaxE164Digits = 15;

    public async Task<CallAuthorization> AuthorizeCall(CallAuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CallId);
        var now = time.GetUtcNow();
        if (request.Direction == CallDirection.Emergency)
        {
            return AuthorizeEmergency(request, now);
        }

        await RefreshIfStaleAsync();
        if (_account is not { } account)
        {
            return CallAuthorization.Refuse(403, "Account not found");
        }

        if (account.Status != AccountStatus.Active)
        {
            return CallAuthorization.Refuse(403, account.Status == AccountStatus.Locked ? "Account locked" : "Account cancelled");
        }

        // A retried INVITE authorisation (timeout, duplicate) gets the reservation it already has, not a second one.
        if (_reservations.TryGetValue(request.CallId, out var existing))
        {
            return Allowed(existing, Tariff.MaxAffordableSeconds(existing.Rate ?? FreeRate, existing.Amount + Budget(account), _options.MaxCallSeconds));
        }

        var rated = request.Direction == CallDirection.Outbound;
        if (rated && !IsE164(request.Destination))
        {
            return CallAuthorization.Refuse(484, "Destination is not an E.164 number");
        }

        await RollSpendDayAsync(now, CancellationToken.None);
        var callsLastMinute = new CallRateWindow(TimeSpan.FromMinutes(1), _callStarts).Count(now);
        var verdict = FraudGuard.Check(account.FraudLimits, request.Destination, rated,
            _reservations.Count, callsLastMinute, _settledToday + Reserved);
        if (verdict is not null)
        {
            return await RefuseForFraudAsync(account, verdict, request, now);
        }

        // A call released here to be forwarded and now forwarded back as a rated call is live again.
        _closed.Remove(request.CallId);
        var reservation = new CallReservation
        {
            CallId = request.CallId,
            Destination = request.Destination,
            Direction = request.Direction,
            AuthorizedAt = now,
            TouchedAt = now,
        };
        int maxSeconds;
        if (rated)
        {
            var deck = await decks.GetAsync(account.RatePlanId);
            var entry = deck?.Match(request.Destination, request.StartedAt);
            if (entry is null)
            {
                return CallAuthorization.Refuse(403, "Destination not in rate plan");
            }

            var rate = entry.ToAppliedRate();
            var budget = Budget(account);
            maxSeconds = Tariff.MaxAffordableSeconds(rate, budget, _options.MaxCallSeconds);
            if (maxSeconds == 0)
            {
                if (DailyRoom(account) < CreditRoom(account))
                {
                    var cap = account.FraudLimits.MaxDailySpend;
                    return await RefuseForFraudAsync(account, new FraudVerdict(FraudRule.DailySpend, $"Daily spend limit {cap} EUR reached"), request, now);
                }

                return CallAuthorization.Refuse(402, "Insufficient credit");
            }

            reservation.Rate = rate;
            reservation.ReservedSeconds = Math.Min(Tariff.BilledSeconds(rate, _options.SliceSeconds), maxSeconds);
            reservation.Amount = Tariff.Cost(rate, reservation.ReservedSeconds);
        }
        else
        {
            maxSeconds = _options.MaxCallSeconds;
            reservation.ReservedSeconds = maxSeconds;
        }

        Hold(reservation);
        if (account.FraudLimits.MaxCallsPerMinute > 0)
        {
            new CallRateWindow(TimeSpan.FromMinutes(1), _callStarts).Add(now, account.FraudLimits.MaxCallsPerMinute);
        }
        return Allowed(reservation, maxSeconds);
    }

    /// <summary>
    /// An emergency call is never refused and never counted: no status, credit or fraud check, and no database read
    /// (a database that is down must not delay it). It is held like an unrated call so that it has a lease, and a silo
    /// lost mid-call still leaves its CDR (at no charge: only outbound calls are rated).
    /// </summary>
    private CallAuthorization AuthorizeEmergency(CallAuthorizationRequest request, DateTimeOffset now)
    {
        if (!_reservations.TryGetValue(request.CallId, out var reservation))
        {
            reservation = new CallReservation
            {
                CallId = request.CallId,
                Destination = request.Destination,
                Direction = CallDirection.Emergency,
                AuthorizedAt = now,
                TouchedAt = now,
                ReservedSeconds = _options.MaxCallSeconds,
            };
            Hold(reservation);
        }

        return Allowed(reservation, _options.MaxCallSeconds);
    }

    private static CallAuthorization Allowed(CallReservation r, int maxSeconds) =>
        new(true, 200, "OK", r.Rate, r.Amount, TimeSpan.FromSeconds(r.ReservedSeconds), TimeSpan.FromSeconds(Math.Max(maxSeconds, r.ReservedSeconds)));

    /// <summary>What a new reservation may take: credit room, further bounded by the daily spend cap.</summary>
    private decimal Budget(Storage.AccountRecord account) => Math.Min(CreditRoom(account), DailyRoom(account));

    /// <summary>Balance down to minus the credit limit, less what live calls already hold.</summary>
    private decimal CreditRoom(Storage.AccountRecord account) => account.Balance + account.CreditLimit - Reserved;

    private decimal DailyRoom(Storage.AccountRecord account) => account.FraudLimits.MaxDailySpend > 0m
        ? account.FraudLimits.MaxDailySpend - _settledToday - Reserved
        : decimal.MaxValue;

    private static bool IsE164(string destination) =>
        destination is { Length: > 0 and <= MaxE164Digits } && destination[0] != '0' && destination.All(char.IsAsciiDigit);

    /// <summary>Used only to size the answer of a retried authorisation for a call that is not rated.</summary>
    private static AppliedRate FreeRate { get; } = new("", "free", 0m, 0m, 1, 1, 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} on account {AccountId} refused by fraud rule {Rule}")]
    private static partial void LogFraudRefusal(ILogger logger, string callId, string accountId, FraudRule rule);
}
