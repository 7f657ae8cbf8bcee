namespace Switchboard.Grains.Billing;

/// <summary>How a call ended, as a finance team reads it in a CDR.</summary>
[GenerateSerializer, Alias("Switchboard.CallDisposition")]
public enum CallDisposition
{
    Answered = 0,
    Busy = 1,
    NoAnswer = 2,
    Cancelled = 3,
    Declined = 4,
    NotFound = 5,
    Failed = 6,
    Refused = 7,
    CreditExhausted = 8,
}
