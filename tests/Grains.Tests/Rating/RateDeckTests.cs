using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Tests.Rating;

public sealed class RateDeckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static RateEntry Rate(string prefix, decimal price, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(prefix, "d" + prefix, price, 0m, 60, 60, 0, from ?? DateTimeOffset.UnixEpoch, to);

    [Theory]
    [InlineData("4915112345678", "49151")]
    [InlineData("4930123456", "49")]
    [InlineData("441632960000", "44")]
    [InlineData("447800900123", "447")]
    [InlineData("4477009", "4477009")]
    [InlineData("12125550100", "1")]
    [InlineData("33123", null)]
    [InlineData("", null)]
    public void Match_Numbers_ReturnLongestPrefix(string number, string? expected)
    {
        var deck = RateDeck.Create([Rate("49", 0.02m), Rate("49151", 0.12m), Rate("44", 0.01m), Rate("447", 0.09m), Rate("4477009", 0.5m), Rate("1", 0.01m)]);

        Assert.Equal(expected, deck.Match(number, Now)?.Prefix);
    }

    [Fact]
    public void Match_DatedRows_PicksTheRowEffectiveAtTheCallTime()
    {
        var change = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var deck = RateDeck.Create([Rate("44", 0.01m, to: change), Rate("44", 0.02m, from: change)]);

        Assert.Equal(0.01m, deck.Match("4420", change.AddTicks(-1))!.PricePerMinute);
        Assert.Equal(0.02m, deck.Match("4420", change)!.PricePerMinute);
    }

    [Fact]
    public void Match_LongPrefixNotYetEffective_FallsBackToShorterPrefix()
    {
        var deck = RateDeck.Create([Rate("44", 0.01m), Rate("447", 0.09m, from: Now.AddDays(1))]);

        Assert.Equal("44", deck.Match("447700900123", Now)!.Prefix);
        Assert.Equal("447", deck.Match("447700900123", Now.AddDays(2))!.Prefix);
    }

    [Fact]
    public void Match_ExpiredEverywhere_ReturnsNull()
    {
        var deck = RateDeck.Create([Rate("44", 0.01m, to: Now)]);

        Assert.Null(deck.Match("4420", Now));
    }

    [Fact]
    public void Match_NonDigitCharacter_StopsTheWalk()
    {
        var deck = RateDeck.Create([Rate("4", 0.01m), Rate("44", 0.02m)]);

        Assert.Equal("4", deck.Match("4x4", Now)!.Prefix);
    }

    [Fact]
    public void Create_HundredThousandPrefixes_MatchesEachOneExactly()
    {
        var random = new Random(5);
        var entries = new Dictionary<string, RateEntry>();
        while (entries.Count < 100_000)
        {
            var prefix = random.Next(1, 10) + random.NextInt64(0, 100_000_000).ToString("D8")[..random.Next(1, 8)];
            entries.TryAdd(prefix, Rate(prefix, random.Next(1, 1000) / 1000m));
        }

        var deck = RateDeck.Create([.. entries.Values]);

        foreach (var (prefix, entry) in entries.Take(5000))
        {
            // A number that extends the prefix with digits no longer prefix of it must rate at this prefix or longer.
            var matched = deck.Match(prefix + "0000000", Now)!;
            Assert.StartsWith(prefix, matched.Prefix);
            Assert.Same(entry, deck.Match(prefix, Now));
        }
    }

    [Fact]
    public void Create_PrefixWithLetters_Throws()
    {
        Assert.Throws<ArgumentException>(() => RateDeck.Create([Rate("44a", 0.01m)]));
    }
}
