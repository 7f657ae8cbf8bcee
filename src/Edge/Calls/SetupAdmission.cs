using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Calls;

/// <summary>
/// How many initial INVITEs this edge is working on at once: from its 100 Trying until the call is started or
/// refused. Past <see cref="SipOptions.MaxCallsInSetup"/> an INVITE gets 503 with Retry-After at once (RFC 3261
/// §21.5.4). Work in progress is arrival rate times set-up time (Little's law): it stays in the tens at 1,000
/// calls/s on a healthy node and grows without bound on a saturated one, where every call admitted then waits
/// behind all the others until sipp's timers and the phones' retransmissions fail them. Refusing the excess early
/// keeps the calls that are admitted quick.
/// </summary>
public sealed class SetupAdmission(IOptions<SipOptions> options)
{
    private readonly int _limit = options.Value.MaxCallsInSetup;
    private int _inSetup;

    /// <summary>Initial INVITEs in progress now.</summary>
    public int InSetup => Volatile.Read(ref _inSetup);

    /// <summary>
    /// Admits one more call into set-up; false when the limit is reached, unless <paramref name="emergency"/>: an
    /// emergency call is admitted (and counted) past it, since shedding it is the one refusal worse than a slow set-up.
    /// Each admission is followed by one <see cref="Exit"/>.
    /// </summary>
    public bool TryEnter(bool emergency = false)
    {
        var inSetup = Interlocked.Increment(ref _inSetup);
        if (_limit > 0 && inSetup > _limit && !emergency)
        {
            Interlocked.Decrement(ref _inSetup);
            return false;
        }

        return true;
    }

    public void Exit() => Interlocked.Decrement(ref _inSetup);
}
