using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Messages;

public class SipMessageCompactTests
{
    private readonly SipParser _parser = new();

    [Theory]
    [InlineData("invite.sip")]
    [InlineData("ok-with-sdp.sip")]
    [InlineData("register.sip")]
    public void Compact_PooledMessage_ReadsTheSameAfterwards(string name)
    {
        var bytes = MessageCorpus.Load("messages/" + name);
        using var before = _parser.ParseDatagram(bytes.AsMemory()).Message!;
        using var message = _parser.ParseDatagram(bytes.AsSpan()).Message!; // owns a pooled copy of the bytes

        message.Compact();

        Assert.Equal(before.ToString(), message.ToString());
        Assert.Equal(before.HeaderCount, message.HeaderCount);
        Assert.Equal(before.CallId, message.CallId);
        Assert.Equal(before.From.Tag, message.From.Tag);
        Assert.Equal(before.Vias.Select(v => v.Branch), message.Vias.Select(v => v.Branch));
        Assert.Equal(before.Body.ToArray(), message.Body.ToArray());
        Assert.Equal(before.GetHeaderValues("content-type"), message.GetHeaderValues("content-type"));
    }

    [Fact]
    public void Compact_ThenDispose_GivesNothingBackTwice()
    {
        var message = _parser.ParseDatagram(MessageCorpus.Invite.AsSpan()).Message!;
        message.Compact();
        message.Compact();

        // Returning the exact-size arrays to the shared pool would throw: they are not the pool's.
        message.Dispose();
        message.Dispose();
        Assert.Throws<ObjectDisposedException>(() => message.HeaderCount > 0 && message.CallId.Length > 0);
    }

    [Fact]
    public void Compact_MessagesThatAreKept_AllocateLessThanKeepingTheirRentedArrays()
    {
        // A kept message never returns its rented header index, so each parse rents (allocates) a fresh one; a
        // compacted message gives it back for the next parse and keeps an exact copy instead.
        var invite = MessageCorpus.Invite.AsMemory();
        var kept = new List<SipMessage>(2_000);

        long Allocated(bool compact)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1_000; i++)
            {
                var message = _parser.ParseDatagram(invite).Message!;
                if (compact)
                {
                    message.Compact();
                }

                kept.Add(message);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var rented = Allocated(compact: false);
        var compacted = Allocated(compact: true);

        Assert.True(compacted < rented * 3 / 4, $"kept compacted: {compacted} bytes; kept rented: {rented} bytes");
    }
}
