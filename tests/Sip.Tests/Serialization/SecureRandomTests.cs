using Switchboard.Sip;

namespace Switchboard.Sip.Tests.Serialization;

public sealed class SecureRandomTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8192)]
    public void GetInt32_stays_below_the_bound_and_reaches_every_small_value(int bound)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < 2_000; i++)
        {
            var value = SecureRandom.GetInt32(bound);
            Assert.InRange(value, 0, bound - 1);
            seen.Add(value);
        }

        if (bound <= 7)
        {
            // 2,000 draws miss one of 7 values with probability about 7 · (6/7)^2000: never in practice.
            Assert.Equal(bound, seen.Count);
        }
        else
        {
            Assert.True(seen.Count > 1_500, $"only {seen.Count} distinct values of {bound} in 2,000 draws");
        }
    }

    [Fact]
    public void GetInt32_refuses_an_empty_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SecureRandom.GetInt32(0));
    }

    [Fact]
    public void Successive_fills_never_repeat_across_block_refills()
    {
        // 8-byte values across many 512-byte blocks: a block served twice, or a stale offset, repeats values.
        var values = new HashSet<ulong>();
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < 10_000; i++)
        {
            SecureRandom.Fill(bytes);
            Assert.True(values.Add(BitConverter.ToUInt64(bytes)), $"value {i} repeated");
        }
    }

    [Fact]
    public void A_large_fill_is_filled_whole()
    {
        var bytes = new byte[4096];
        SecureRandom.Fill(bytes);
        // 4,096 random bytes with no zero in the last 512 would mean the tail was never written.
        Assert.Contains(bytes.AsSpan(3584).ToArray(), b => b != 0);
    }

    [Fact]
    public void GetInt63_is_never_negative()
    {
        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(SecureRandom.GetInt63() >= 0);
        }
    }
}
