using Switchboard.Grains.Accounts;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>How the scripted account of one test answers; each test uses its own account id.</summary>
public sealed class AccountScript
{
    private int _settleFailures;

    public Func<CallAuthorizationRequest, CallAuthorization> Authorize { get; init; } =
        _ => new CallAuthorization(true, 200, "OK", null, 1m, TimeSpan.FromMinutes(5), TimeSpan.Zero);

    /// <summary>Answered time so far → the extension result.</summary>
    public Func<TimeSpan, ReservationExtension> Extend { get; init; } =
        answeredFor => new ReservationExtension(false, 1m, answeredFor + TimeSpan.FromMinutes(5));

    /// <summary>The next <paramref name="count"/> settlements throw, as a store outage would.</summary>
    public void FailSettlements(int count) => Interlocked.Exchange(ref _settleFailures, count);

    internal bool TakeSettleFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _settleFailures);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _settleFailures, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
