using System.Buffers;

namespace Switchboard.Sip;

/// <summary>A header to be written by a builder or editor: a canonical or custom name and a text or typed value.</summary>
internal readonly struct PendingHeader
{
    private readonly string? _text;
    private readonly Action<IBufferWriter<byte>>? _write;

    public PendingHeader(KnownHeader id, string? name, string? text, Action<IBufferWriter<byte>>? write)
    {
        Id = id;
        Name = name;
        _text = text;
        _write = write;
    }

    public KnownHeader Id { get; }

    public string? Name { get; }

    public static PendingHeader Text(string name, string value)
    {
        var id = KnownHeaders.Identify(name);
        return new PendingHeader(id, id == KnownHeader.Unknown ? name : null, value, null);
    }

    public static PendingHeader Text(KnownHeader id, string value) => new(id, null, value, null);

    public static PendingHeader Typed(KnownHeader id, Action<IBufferWriter<byte>> write) => new(id, null, null, write);

    public bool Matches(KnownHeader id, ReadOnlySpan<byte> name) =>
        Id != KnownHeader.Unknown ? Id == id : id == KnownHeader.Unknown && System.Text.Ascii.EqualsIgnoreCase(name, Name!);

    public void WriteTo(IBufferWriter<byte> writer)
    {
        if (Id != KnownHeader.Unknown)
        {
            WireWriter.WriteName(writer, Id);
        }
        else
        {
            WireWriter.WriteName(writer, Name!);
        }

        if (_write is not null)
        {
            _write(writer);
        }
        else
        {
            WireWriter.Write(writer, _text!);
        }

        WireWriter.WriteCrlf(writer);
    }
}
