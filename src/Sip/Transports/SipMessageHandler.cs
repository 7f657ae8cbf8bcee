namespace Switchboard.Sip.Transports;

/// <summary>
/// Receives one framed SIP message. <paramref name="message"/> is a pooled buffer that is only valid until the
/// handler returns: parse it (or copy it) before returning. The handler runs on the transport's receive loop, so
/// slow work should be handed off; exceptions it throws are caught, counted and logged, never ending the loop.
/// </summary>
public delegate void SipMessageHandler(ReadOnlyMemory<byte> message, SipEndPoint source);
