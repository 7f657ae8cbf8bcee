using System.Buffers;

namespace Switchboard.Sip.Tests.Transports;

/// <summary>Builds two-segment sequences, as a pipe hands out a message that straddles buffers.</summary>
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    private TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Split(byte[] bytes, int cut)
    {
        var first = new TestSegment(bytes.AsMemory(0, cut), 0);
        var second = new TestSegment(bytes.AsMemory(cut), cut);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}
