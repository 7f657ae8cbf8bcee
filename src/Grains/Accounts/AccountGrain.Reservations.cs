using Microsoft.Extensions.Logging;
using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Accounts;

internal sealed partial class AccountGrain
{
    /// <summary>
    /// Grows the call's reservation to cover one more slice beyond <paramref name="answeredFor"/>. When the credit
    /// (or the daily cap) cannot cover it, the reservation grows as far as it can on the increment grid and the answer
    /// is <see cref="ReservationExtension.Exhausted"/>: the call grain ends the call at
    /// <see cref="ReservationExtension.ReservedUntil"/>. Each call only ever takes money other calls have not
    /// reserved, so however many calls run, their reservations together never pass the credit limit.
    /// </summary>
    public async Task<ReservationExtension> ExtendReservation(string callId, TimeSpan answeredFor)
    {
        if (!_reservations.TryGetValue(callId, out var r))
        {
            return new ReservationExtension(true, 0m, TimeSpan.Zero) { Known = false };
        }

        var cap = _options.MaxCallSeconds;
        if (r.Rate is not { } rate)
        {
            return new ReservationExtension(r.ReservedSeconds >= cap, 0m, TimeSpan.FromSeconds(r.ReservedSeconds))
            {
                MaxDuration = TimeSpan.FromSeconds(cap),
            };
        }

        await RefreshIfStaleAsync();
        var account = RequireAccount();
        var answered = (int)Math.Ceiling(Math.Max(0, answeredFor.TotalSeconds));
        var target = Math.Min(cap, Tariff.BilledSeconds(rate, answered + _options.SliceSeconds));

        // Locked or cancelled meanwhile: no more credit; the call runs out what it already holds.
        var budget = account.Status == AccountStatus.Active ? r.Amount + Math.Max(0m, Budget(account)) : r.Amount;
        var affordable = Tariff.MaxAffordableSeconds(rate, budget, cap);
        var reach = Math.Max(r.ReservedSeconds, Math.Min(target, affordable));
        r.TouchedAt = time.GetUtcNow();
        if (reach != r.ReservedSeconds)
        {
            r.ReservedSeconds = reach;
            var amount = Tariff.Cost(rate, reach);
            _reserved += amount - r.Amount;
            r.Amount = amount;
        }

        return new ReservationExtension(reach < target || reach >= cap, r.Amount, TimeSpan.FromSeconds(reach))
        {
            MaxDuration = TimeSpan.FromSeconds(Math.Max(reach, affordable)),
        };
    }

    public Task ReleaseCall(string callId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        if (_reservations.TryGetValue(callId, out var held) && held.Lease?.Cdr.AnsweredAt is not null)
        {
            // An answered call is billed where it was answered; only a ringing one changes hands.
            throw new InvalidOperationException($"Call {callId} was answered on account {AccountId}; it cannot be released");
        }

        Release(callId);
        _closed[callId] = time.GetUtcNow();
        return Task.CompletedTask;
    }
}
