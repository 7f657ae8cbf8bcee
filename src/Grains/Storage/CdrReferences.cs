using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage;

/// <summary>Ledger references and descriptions shared by both store implementations, so they write identical rows.</summary>
public static class CdrReferences
{
    public static string Ledger(string callId) => "call:" + callId;

    public static string TopUp(string coin, string txHash) => $"topup:{coin}:{txHash}";

    public static string Description(CallDetailRecord cdr) =>
        $"Call to {cdr.Callee}, {cdr.BilledSeconds} s billed" + (cdr.Rate is { } rate ? $" at {rate.PricePerMinute}/min ({rate.Prefix})" : "");
}
