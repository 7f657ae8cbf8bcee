namespace Switchboard.Sip.Transactions;

/// <summary>
/// Receives every response of one client transaction the TU should see, one at a time and in arrival order: each
/// call starts only after the task of the previous one completed, so a 180 is never handled after its 200. The
/// response owns its buffer and is valid until the task completes; the final response is then the one
/// <see cref="SipClientTransaction.Completion"/> carries.
/// </summary>
public delegate Task SipResponseHandler(SipClientTransaction transaction, SipResponse response);
