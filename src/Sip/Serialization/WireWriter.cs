using System.Buffers;
using System.Text;

namespace Switchboard.Sip;

/// <summary>Writes protocol text straight into an <see cref="IBufferWriter{T}"/>; strings are encoded in place, never concatenated.</summary>
internal static class WireWriter
{
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        var span = writer.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        writer.Advance(bytes.Length);
    }

    public static void Write(IBufferWriter<byte> writer, string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var span = writer.GetSpan(max);
        int n = Encoding.UTF8.GetBytes(text, span);
        writer.Advance(n);
    }

    public static void Write(IBufferWriter<byte> writer, byte b)
    {
        writer.GetSpan(1)[0] = b;
        writer.Advance(1);
    }

    public static void Write(IBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(20);
        value.TryFormat(span, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
        writer.Advance(n);
    }

    public static void WriteCrlf(IBufferWriter<byte> writer) => Write(writer, "\r\n"u8);

    /// <summary>Writes "Name: " with the canonical spelling.</summary>
    public static void WriteName(IBufferWriter<byte> writer, KnownHeader header)
    {
        Write(writer, KnownHeaders.GetNameBytes(header));
        Write(writer, ": "u8);
    }

    public static void WriteName(IBufferWriter<byte> writer, string name)
    {
        Write(writer, name);
        Write(writer, ": "u8);
    }

    public static void WriteParameters(IBufferWriter<byte> writer, SipParameters parameters, byte separator, byte first)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            Write(writer, i == 0 ? first : separator);
            Write(writer, p.Name);
            if (p.Value is not null)
            {
                Write(writer, (byte)'=');
                Write(writer, p.Value);
            }
        }
    }

    /// <summary>Renders a writable value to a string for ToString(); not used on the wire path.</summary>
    public static string Render(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        write(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
