namespace Switchboard.Sip.Sdp;

/// <summary>"a=name" or "a=name:value" (RFC 4566 §5.13). Values such as a=crypto are kept byte for byte.</summary>
public readonly record struct SdpAttribute(string Name, string? Value = null)
{
    public override string ToString() => Value is null ? $"a={Name}" : $"a={Name}:{Value}";
}
