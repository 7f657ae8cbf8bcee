using System.Buffers;
using BenchmarkDotNet.Attributes;

namespace Switchboard.Sip.Benchmarks.Messages;

/// <summary>
/// Writing cost: a 180 Ringing built from a parsed INVITE (Via/From/To/Call-ID/CSeq copied, To-tag added), and
/// the INVITE forwarded with a new top Via, received/rport and Max-Forwards rewritten. Output goes into a reused
/// buffer writer, as a transport would do.
/// </summary>
[MemoryDiagnoser]
// In-process: the project file name (Sip.Benchmarks) differs from the assembly name, which the default
// out-of-process toolchain cannot resolve.
[InProcess]
public class SipSerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private SipRequest _invite = null!;
    private ViaHeader _via = null!;

    [GlobalSetup]
    public void Setup()
    {
        _invite = (SipRequest)new SipParser().ParseDatagram(BenchmarkMessages.Load("invite.sip").AsMemory()).Message!;
        _via = new ViaHeader("UDP", "203.0.113.10", 5060, "z9hG4bK7f3a9c1e5b2d4f60a8c1e3b5");
    }

    [GlobalCleanup]
    public void Cleanup() => _invite.Dispose();

    [Benchmark(Baseline = true)]
    public int WriteRingingResponse()
    {
        _output.ResetWrittenCount();
        SipResponseBuilder.For(_invite, 180).WithToTag("a8f3c1e2").WriteTo(_output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int WriteForwardedInvite()
    {
        _output.ResetWrittenCount();
        _invite.Edit().PrependVia(_via).SetTopViaSource("198.51.100.23", 40612).SetMaxForwards(69).WriteTo(_output);
        return _output.WrittenCount;
    }
}
