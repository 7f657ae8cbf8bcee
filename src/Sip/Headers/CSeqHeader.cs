using System.Buffers;

namespace Switchboard.Sip;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16). The number must stay below 2^31 (§8.1.1.5).</summary>
public readonly record struct CSeqHeader(long Number, SipMethod Method)
{
    public static bool TryParse(ReadOnlySpan<byte> value, out CSeqHeader cseq)
    {
        cseq = default;
        value = SipSyntax.Trim(value);
        int ws = value.IndexOfAny(SipSyntax.Whitespace);
        if (ws <= 0 || !SipSyntax.TryParseDigits(value[..ws], int.MaxValue, out long number))
        {
            return false;
        }

        var method = SipSyntax.Trim(value[ws..]);
        if (!SipMethod.TryParse(method, out var m))
        {
            return false;
        }

        cseq = new CSeqHeader(number, m);
        return true;
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        WireWriter.Write(writer, Number);
        WireWriter.Write(writer, (byte)' ');
        WireWriter.Write(writer, Method.Name);
    }

    public override string ToString() => $"{Number} {Method.Name}";
}
