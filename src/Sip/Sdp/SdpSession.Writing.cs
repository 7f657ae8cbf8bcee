using System.Buffers;
using System.Text;

namespace Switchboard.Sip.Sdp;

public sealed partial class SdpSession
{
    // RFC 4566 §5 fixes the order: v o s i u e p c b t r z k a, then each m with i c b k a.
    private const string BeforeConnection = "iuep";
    private const string BeforeTime = "b";
    private const string Time = "tr";
    private const string AfterTime = "zk";

    public void WriteTo(IBufferWriter<byte> writer)
    {
        Write(writer, 'v', Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Write(writer, 'o', Origin.ToString());
        Write(writer, 's', SessionName);
        WriteLines(writer, Lines, BeforeConnection);
        if (Connection is not null)
        {
            Write(writer, 'c', Connection.ToString());
        }

        WriteLines(writer, Lines, BeforeTime);
        if (!Lines.Exists(l => l.Type == 't'))
        {
            Write(writer, 't', "0 0");
        }

        WriteLines(writer, Lines, Time);
        WriteLines(writer, Lines, AfterTime);
        WriteUnknown(writer, Lines);
        WriteAttributes(writer, Attributes);
        foreach (var m in Media)
        {
            Write(writer, 'm', m.MediaLineValue());
            WriteLines(writer, m.Lines, "i");
            if (m.Connection is not null)
            {
                Write(writer, 'c', m.Connection.ToString());
            }

            WriteLines(writer, m.Lines, "bk");
            WriteUnknown(writer, m.Lines);
            WriteAttributes(writer, m.Attributes);
        }
    }

    private static void WriteLines(IBufferWriter<byte> writer, List<SdpLine> lines, string types)
    {
        foreach (var line in lines)
        {
            if (types.Contains(line.Type, StringComparison.Ordinal))
            {
                Write(writer, line.Type, line.Value);
            }
        }
    }

    private static void WriteUnknown(IBufferWriter<byte> writer, List<SdpLine> lines)
    {
        foreach (var line in lines)
        {
            if (!"iuepbtrzk".Contains(line.Type, StringComparison.Ordinal))
            {
                Write(writer, line.Type, line.Value);
            }
        }
    }

    private static void WriteAttributes(IBufferWriter<byte> writer, List<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            Write(writer, 'a', a.Value is null ? a.Name : string.Concat(a.Name, ":", a.Value));
        }
    }

    private static void Write(IBufferWriter<byte> writer, char type, string value)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length) + 4);
        span[0] = (byte)type;
        span[1] = (byte)'=';
        int n = Encoding.UTF8.GetBytes(value, span[2..]);
        span[2 + n] = (byte)'\r';
        span[3 + n] = (byte)'\n';
        writer.Advance(n + 4);
    }
}
