namespace Switchboard.Sip.Dns;

/// <summary>One SRV resource record (RFC 2782): where a service runs and how to choose among several.</summary>
/// <param name="Priority">Lower is tried first.</param>
/// <param name="Weight">Relative share among records of the same priority; 0 means "rarely, when there is a choice".</param>
/// <param name="Port">The port of the service on <paramref name="Target"/>.</param>
/// <param name="Target">The host name to resolve with A/AAAA, without the trailing dot; "." means "no service here".</param>
public readonly record struct SipSrvRecord(int Priority, int Weight, int Port, string Target)
{
    /// <summary>RFC 2782: a Target of "." means the service is decidedly not available at this domain.</summary>
    public bool IsNoService => Target is "." or "";
}
