using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Tests.Support;

/// <summary>CDRs for tests: an answered outbound call unless told otherwise.</summary>
public static class Cdrs
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static CallDetailRecord Answered(string callId, string accountId, int seconds, string callee = "4930123456",
        string tenantId = "demo", DateTimeOffset? startedAt = null)
    {
        var start = startedAt ?? T0;
        return new CallDetailRecord(callId, accountId, tenantId, "1001", callee, CallDirection.Outbound, start, start.AddSeconds(5),
            start.AddSeconds(5 + seconds), 200, CallDisposition.Answered, callId + "-a", callId + "-b", "edge-1", "trunk-1");
    }

    public static CallDetailRecord Unanswered(string callId, string accountId, CallDisposition disposition = CallDisposition.Busy, int status = 486) =>
        new(callId, accountId, "demo", "1001", "4930123456", CallDirection.Outbound, T0, null, T0.AddSeconds(3), status, disposition,
            callId + "-a", callId + "-b", "edge-1", null);

    /// <summary>A CDR as the account grain hands it to the store: rated at 1 EUR/min, 1/1.</summary>
    public static CallDetailRecord Rated(string callId, string accountId, int seconds, string tenantId = "demo", string callee = "4930123456") =>
        Answered(callId, accountId, seconds, callee, tenantId) with
        {
            BilledSeconds = seconds,
            Rate = new AppliedRate("49", "Germany", 1m, 0m, 1, 1, 0),
            Cost = seconds / 60m is var c ? decimal.Round(c, 6) : 0m,
            CarrierCost = decimal.Round(seconds / 120m, 6),
        };
}
