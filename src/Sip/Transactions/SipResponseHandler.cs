namespace Switchboard.Sip.Transactions;

/// <summary>
/// Receives every response of one client transaction the TU should see, one at a time and in arrival order: each
/// call starts only after the task of the previous one completed, so a 180 is never handled after its 200. The
/// response owns its buffer and is valid until the task completes. <see cref="SipClientTransaction.Completion"/>
/// then carries the final status, not the response: copy what you keep.
/// </summary>
public delegate Task SipResponseHandler(SipClientTransaction transaction, SipResponse response);
