using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Routing;

/// <summary>
/// Maps the final SIP status a caller received to the CDR disposition finance reads (RFC 3261 §21 classes).
/// Why-specific ends (ring timeout, caller CANCEL, credit exhaustion, billing refusal) are decided by the call
/// grain, which knows the reason; this map covers what a status alone says.
/// </summary>
public static class DispositionMap
{
    public static CallDisposition FromFinalStatus(int status) => status switch
    {
        >= 200 and < 300 => CallDisposition.Answered,
        486 or 600 => CallDisposition.Busy,
        603 => CallDisposition.Declined,
        404 or 484 or 604 => CallDisposition.NotFound,
        408 or 480 => CallDisposition.NoAnswer,
        487 => CallDisposition.Cancelled,
        402 => CallDisposition.Refused,
        _ => CallDisposition.Failed,
    };
}
