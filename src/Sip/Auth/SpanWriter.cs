namespace Switchboard.Sip.Auth;

/// <summary>Appends bytes to a span the caller sized beforehand; used to build digest hash inputs without allocating.</summary>
internal ref struct SpanWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public SpanWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void Write(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[_length..]);
        _length += value.Length;
    }

    public void Write(byte value) => _buffer[_length++] = value;
}
