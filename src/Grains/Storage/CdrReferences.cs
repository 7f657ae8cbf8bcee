using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage;

/// <summary>Ledger references and descriptions shared by both store implementations, so they write identical rows.</summary>
public static class CdrReferences
{
    public static string Ledger(string callId) => "call:" + callId;

    public static string TopUp(string coin, string txHash) => $"topup:{coin}:{txHash}";

    /// <summary>
    /// No number and no destination prefix: the ledger is kept 7 years and the CDR only 12 months, so the ledger
    /// names the call by its reference (the call id) and the CDR holds who was called while it may.
    /// </summary>
    public static string Description(CallDetailRecord cdr) =>
        $"Call, {cdr.BilledSeconds} s billed" + (cdr.Rate is { } rate ? $" at {rate.PricePerMinute}/min" : "");
}
