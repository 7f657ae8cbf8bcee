using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Parsing;

/// <summary>The hot-path contract: parsing allocates the message object and nothing per header.</summary>
public class SipParserAllocationTests
{
    [Fact]
    public void ParseDatagram_TypicalInvite_AllocatesOnlyTheMessageObject()
    {
        var parser = new SipParser();
        var invite = MessageCorpus.Invite.AsMemory();
        for (int i = 0; i < 100; i++)
        {
            Parse(parser, invite);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        const int runs = 1000;
        for (int i = 0; i < runs; i++)
        {
            Parse(parser, invite);
        }

        long perParse = (GC.GetAllocatedBytesForCurrentThread() - before) / runs;

        // One SipRequest: the layout struct plus a handful of cache fields, well under 400 bytes.
        Assert.InRange(perParse, 1, 400);
    }

    private static void Parse(SipParser parser, ReadOnlyMemory<byte> bytes)
    {
        using var message = parser.ParseDatagram(bytes).Message!;
        _ = message.CSeq.Number + message.CallIdSpan.Length;
    }
}
