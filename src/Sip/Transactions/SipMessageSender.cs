using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Transactions;

/// <summary>
/// Sends serialized bytes; <see cref="SipTransportHub.SendAsync"/> fits. False means a transport error, which the
/// transaction reports to its TU (RFC 3261 §17.1.4, §17.2.4).
/// </summary>
public delegate ValueTask<bool> SipMessageSender(ReadOnlyMemory<byte> message, SipEndPoint destination, CancellationToken cancellationToken);
