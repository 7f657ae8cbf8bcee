using System.Buffers;
using System.Text;
using Switchboard.Sip.Transports;

namespace Switchboard.Sip.Tests.Transports;

public class SipStreamFramerTests
{
    private const int Max = 4096;

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Text(ReadOnlySequence<byte> bytes) => Encoding.UTF8.GetString(bytes.ToArray());

    [Fact]
    public void TryReadMessage_CompleteMessage_SlicesExactlyIt()
    {
        var message = MessageSink.Message("v=0\r\n");
        var buffer = Bytes(message + "INVITE");
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out var framed));
        Assert.Equal(message, Text(framed));
        Assert.Equal("INVITE", Text(buffer));
    }

    [Fact]
    public void TryReadMessage_EveryPrefix_NeedMoreDataUntilComplete()
    {
        var message = MessageSink.Message("hello body");
        var bytes = Encoding.UTF8.GetBytes(message);
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.Equal(SipFrameStatus.NeedMoreData, SipStreamFramer.TryReadMessage(ref buffer, Max, out _));
        }

        var full = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref full, Max, out _));
        Assert.True(full.IsEmpty);
    }

    [Fact]
    public void TryReadMessage_MessageSplitOverEverySegmentBoundary_SameResult()
    {
        var message = MessageSink.Message("split body");
        var bytes = Encoding.UTF8.GetBytes(message);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var buffer = TestSegment.Split(bytes, cut);
            Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out var framed));
            Assert.Equal(message, Text(framed));
        }
    }

    [Fact]
    public void TryReadMessage_TwoPipelinedMessages_ReturnsBothInOrder()
    {
        var first = MessageSink.Message("one");
        var second = MessageSink.Message("two!");
        var buffer = Bytes(first + second);
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out var a));
        Assert.Equal(first, Text(a));
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out var b));
        Assert.Equal(second, Text(b));
        Assert.Equal(SipFrameStatus.NeedMoreData, SipStreamFramer.TryReadMessage(ref buffer, Max, out _));
    }

    [Theory]
    [InlineData("l: 3")]
    [InlineData("L:3")]
    [InlineData("content-length :  3 ")]
    [InlineData("CONTENT-LENGTH:\t3")]
    public void TryReadMessage_ContentLengthSpellings_Accepted(string header)
    {
        var buffer = Bytes($"SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n{header}\r\n\r\nabc");
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out var framed));
        Assert.EndsWith("abc", Text(framed), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length: 3\r\nl: 4\r\n\r\nabcd")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length: -3\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length: 3x\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length:\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length: 9999999999\r\n\r\n")]
    public void TryReadMessage_UndelimitableMessage_MalformedWithTheHeaderBlock(string text)
    {
        var buffer = Bytes(text);

        Assert.Equal(SipFrameStatus.Malformed, SipStreamFramer.TryReadMessage(ref buffer, Max, out var headerBlock));

        // Only the header block comes back (to answer 400 from); whatever follows it is not a delimited body.
        Assert.Equal(text[..(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)], Text(headerBlock));
    }

    [Fact]
    public void TryReadMessage_RepeatedEqualContentLength_Accepted()
    {
        var buffer = Bytes("SIP/2.0 200 OK\r\nContent-Length: 2\r\nl: 2\r\n\r\nab");
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out _));
    }

    [Fact]
    public void TryReadMessage_DeclaredBodyOverLimit_TooLargeBeforeBodyArrives()
    {
        var buffer = Bytes($"SIP/2.0 200 OK\r\nContent-Length: {Max}\r\n\r\nonly a little");
        Assert.Equal(SipFrameStatus.TooLarge, SipStreamFramer.TryReadMessage(ref buffer, Max, out _));
    }

    [Fact]
    public void TryReadMessage_EndlessHeaderBlock_TooLargeAtLimit()
    {
        var buffer = Bytes("SIP/2.0 200 OK\r\nX: " + new string('a', Max));
        Assert.Equal(SipFrameStatus.TooLarge, SipStreamFramer.TryReadMessage(ref buffer, Max, out _));

        var shorter = Bytes("SIP/2.0 200 OK\r\nX: " + new string('a', Max - 100));
        Assert.Equal(SipFrameStatus.NeedMoreData, SipStreamFramer.TryReadMessage(ref shorter, Max, out _));
    }

    [Fact]
    public void TryReadMessage_CrlfCrlf_KeepAlivePingConsumed()
    {
        var buffer = Bytes("\r\n\r\n" + MessageSink.Message());
        Assert.Equal(SipFrameStatus.KeepAlivePing, SipStreamFramer.TryReadMessage(ref buffer, Max, out _));
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out var framed));
        Assert.StartsWith("OPTIONS", Text(framed), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadMessage_SingleLeadingCrlf_SkippedPerRfc3261Section7_5()
    {
        var buffer = Bytes("\r\n" + MessageSink.Message());
        Assert.Equal(SipFrameStatus.Message, SipStreamFramer.TryReadMessage(ref buffer, Max, out var framed));
        Assert.StartsWith("OPTIONS", Text(framed), StringComparison.Ordinal);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadMessage_HalfAPing_NeedMoreData()
    {
        var buffer = Bytes("\r\n");
        Assert.Equal(SipFrameStatus.NeedMoreData, SipStreamFramer.TryReadMessage(ref buffer, Max, out _));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void TryReadMessage_SeededRandomBytes_OnlyTypedResultsAndLimitsHold()
    {
        var random = new Random(3261);
        var template = Encoding.UTF8.GetBytes(MessageSink.Message("body") + MessageSink.Message());
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])template.Clone();
            for (var e = random.Next(1, 6); e > 0; e--)
            {
                bytes[random.Next(bytes.Length)] = (byte)"\r\n:0123456789lL \t"[random.Next(17)];
            }

            var buffer = new ReadOnlySequence<byte>(bytes);
            for (var guard = 0; guard < 10; guard++)
            {
                var status = SipStreamFramer.TryReadMessage(ref buffer, 200, out var framed);
                Assert.True(Enum.IsDefined(status));
                if (status == SipFrameStatus.Message)
                {
                    Assert.True(framed.Length <= 200);
                    continue;
                }

                if (status != SipFrameStatus.KeepAlivePing)
                {
                    break;
                }
            }
        }
    }
}
