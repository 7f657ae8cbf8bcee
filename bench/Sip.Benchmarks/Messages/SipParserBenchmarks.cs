using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace Switchboard.Sip.Benchmarks.Messages;

/// <summary>
/// Parse cost of the messages an edge sees most: a 980-byte INVITE with SDP, a 200 OK with SDP, and the INVITE
/// split over two segments (the stream slow path, which copies into a pooled buffer). Each run also reads the
/// values routing needs (Call-ID span, CSeq) so the index is exercised, and disposes the message.
/// </summary>
[MemoryDiagnoser]
// In-process: the project file name (Sip.Benchmarks) differs from the assembly name, which the default
// out-of-process toolchain cannot resolve.
[InProcess]
public class SipParserBenchmarks
{
    private readonly SipParser _parser = new();
    private ReadOnlyMemory<byte> _invite;
    private ReadOnlyMemory<byte> _ok;
    private ReadOnlySequence<byte> _splitInvite;

    [GlobalSetup]
    public void Setup()
    {
        var invite = BenchmarkMessages.Load("invite.sip");
        _invite = invite;
        _ok = BenchmarkMessages.Load("ok-with-sdp.sip");
        _splitInvite = TwoSegments(invite, invite.Length / 2);
    }

    [Benchmark(Baseline = true)]
    public long ParseInvite() => Consume(_parser.ParseDatagram(_invite));

    [Benchmark]
    public long ParseOkWithSdp() => Consume(_parser.ParseDatagram(_ok));

    [Benchmark]
    public long ParseInviteSplitSequence() => Consume(_parser.ParseStream(_splitInvite));

    private static long Consume(SipParseResult result)
    {
        using var message = result.Message!;
        return message.CSeq.Number + message.CallIdSpan.Length;
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int at)
    {
        var first = new Segment(bytes.AsMemory(0, at).ToArray(), 0);
        var second = new Segment(bytes.AsMemory(at).ToArray(), at);
        first.SetNext(second);
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
