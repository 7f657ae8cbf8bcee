using System.Buffers;

namespace Switchboard.Sip;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over caller memory, so builders can write straight into a transport's send
/// buffer. Running out of room is reported through <see cref="Overflowed"/> instead of growing.
/// </summary>
internal sealed class MemoryBufferWriter(Memory<byte> destination) : IBufferWriter<byte>
{
    // Scratch space handed out once the destination is full, so writers can finish without exceptions.
    private byte[]? _overflow;

    public int Written { get; private set; }

    public bool Overflowed { get; private set; }

    public void Advance(int count)
    {
        if (!Overflowed)
        {
            Written += count;
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        int need = Math.Max(sizeHint, 1);
        if (!Overflowed && destination.Length - Written >= need)
        {
            return destination[Written..];
        }

        Overflowed = true;
        if (_overflow is null || _overflow.Length < need)
        {
            _overflow = new byte[Math.Max(need, 256)];
        }

        return _overflow;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Runs <paramref name="write"/> into <paramref name="destination"/>; false when it did not fit.</summary>
    public static bool TryWrite(Memory<byte> destination, Action<IBufferWriter<byte>> write, out int written)
    {
        var writer = new MemoryBufferWriter(destination);
        write(writer);
        written = writer.Overflowed ? 0 : writer.Written;
        return !writer.Overflowed;
    }
}
