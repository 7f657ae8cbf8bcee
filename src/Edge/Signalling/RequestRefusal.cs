using Switchboard.Sip;

namespace Switchboard.Edge.Signalling;

/// <summary>A request turned away before processing: the status and the header that tells the sender what we take.</summary>
public sealed record RequestRefusal(int Status, KnownHeader Header, string Value);
