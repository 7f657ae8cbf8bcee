using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Accounts;

/// <summary>Many calls start at once on a small balance: reservations share it and nothing overspends.</summary>
public sealed class ConcurrentCallsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ManyParallelCalls_SmallBalance_NeverGoBelowTheCreditLimit(bool postgres)
    {
        await using var billing = await BillingCluster.StartAsync(silos: postgres ? (short)2 : (short)1, postgres);
        const decimal opening = 3.00m;
        const decimal creditLimit = 0.50m;
        var account = await billing.OpenAsync("acct-shared", opening, creditLimit: creditLimit);
        var run = Guid.NewGuid().ToString("N")[..8];

        // Germany: 1.00 €/min, 1/1. A slice is 60 s = 1.00 €, so at most 3 calls hold a full first slice.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => CallAsync(account, $"call-{i}-{run}", i))));

        var allowed = outcomes.Count(o => o.Allowed);
        // At least 2 full slices are granted (the first calls' extensions may take the rest before a third INVITE is
        // authorised). The count has no fixed ceiling: a call that hangs up early returns its unused slice, and an
        // INVITE queued behind that settlement is authorised on it. The money bound is the balance check below, and
        // most of the 60 INVITEs must be refused.
        Assert.True(allowed >= 2, $"only {allowed} calls were authorised");
        Assert.True(outcomes.Count(o => !o.Allowed) >= 50, $"{allowed} of 60 calls were authorised on 3.50 of credit");
        Assert.All(outcomes.Where(o => !o.Allowed), o => Assert.Equal(402, o.Status));
        var (balance, cdrs, _) = await BillingInvariant.AssertAsync(billing, "acct-shared", opening);
        Assert.True(balance >= -creditLimit, $"balance {balance} is below the credit limit");
        Assert.Equal(allowed, cdrs.Count(c => c.Cost > 0m));
        Assert.Equal(0m, (await account.GetSnapshot()).Reserved);
    }

    /// <summary>One call: INVITE, answer, extend slice by slice until credit runs out or it hangs up, BYE a bit late.</summary>
    private static async Task<(bool Allowed, int Status)> CallAsync(IAccountGrain account, string callId, int i)
    {
        var started = DateTimeOffset.UtcNow;
        var auth = await account.AuthorizeCall(new CallAuthorizationRequest(callId, "1001", "4912345678", CallDirection.Outbound, started));
        if (!auth.Allowed)
        {
            await account.SettleCall(Cdr(callId, started, answeredSeconds: null));
            return (false, auth.SipStatus);
        }

        var hangUpAt = 40 + (i * 13 % 200); // some calls end by themselves, others run out of credit
        var reachable = auth.ReservedUntil;
        while (reachable.TotalSeconds < hangUpAt)
        {
            var ext = await account.ExtendReservation(callId, reachable - TimeSpan.FromSeconds(5));
            reachable = ext.ReservedUntil;
            if (ext.Exhausted)
            {
                break;
            }
        }

        var duration = (int)Math.Min(hangUpAt, reachable.TotalSeconds) + 2; // the BYE lands two seconds late
        await account.SettleCall(Cdr(callId, started, duration));
        return (true, 200);
    }

    private static CallDetailRecord Cdr(string callId, DateTimeOffset started, int? answeredSeconds) => answeredSeconds is { } s
        ? Cdrs.Answered(callId, "acct-shared", s, "4912345678", startedAt: started)
        : Cdrs.Unanswered(callId, "acct-shared", CallDisposition.Refused, 402) with { StartedAt = started, EndedAt = started };
}
