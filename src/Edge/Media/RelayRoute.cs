namespace Switchboard.Edge.Media;

/// <summary>
/// Where one relay socket's packets go while a call holds it: accepted from <see cref="Sender"/> only, sent from
/// <see cref="Outbound"/> to <see cref="Receiver"/>, and counted on <see cref="Relay"/>.
/// </summary>
internal sealed record RelayRoute(MediaRelay Relay, RelayPeer Sender, RelaySocket Outbound, RelayPeer Receiver);
