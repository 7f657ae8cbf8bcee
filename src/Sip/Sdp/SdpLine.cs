namespace Switchboard.Sip.Sdp;

/// <summary>A "type=value" line kept as sent (i, u, e, p, b, t, r, z, k and anything unknown).</summary>
public readonly record struct SdpLine(char Type, string Value)
{
    public override string ToString() => $"{Type}={Value}";
}
