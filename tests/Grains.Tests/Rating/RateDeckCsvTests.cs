using Switchboard.Grains.Rating;

namespace Switchboard.Grains.Tests.Rating;

public sealed class RateDeckCsvTests
{
    private static RateDeckCsvResult Parse(string csv) => RateDeckCsv.Parse(new StringReader(csv));

    [Fact]
    public void Parse_ValidDeck_ReadsEveryColumn()
    {
        var result = Parse(""""
            prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
            44,"United Kingdom, fixed",0.0100,0.005,60/60,0,2026-01-01,
            +447,UK mobile,0.09,0,30/6,30,2026-01-01T00:00:00Z,2027-01-01

            49151,"Germany ""T-Mobile""",0.12,0,1/1,0,,
            """");

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Line}: {e.Message}")));
        Assert.Equal(3, result.Entries.Count);
        var uk = result.Entries[0];
        Assert.Equal(("44", "United Kingdom, fixed", 0.01m, 0.005m, 60, 60, 0), (uk.Prefix, uk.Description, uk.PricePerMinute, uk.ConnectFee, uk.FirstIncrementSeconds, uk.NextIncrementSeconds, uk.MinimumSeconds));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), uk.EffectiveFrom);
        Assert.Null(uk.EffectiveTo);
        var mobile = result.Entries[1];
        Assert.Equal(("447", 30, 6, 30), (mobile.Prefix, mobile.FirstIncrementSeconds, mobile.NextIncrementSeconds, mobile.MinimumSeconds));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), mobile.EffectiveTo);
        Assert.Equal("Germany \"T-Mobile\"", result.Entries[2].Description);
        Assert.Equal(DateTimeOffset.UnixEpoch, result.Entries[2].EffectiveFrom);
    }

    [Fact]
    public void Parse_MalformedRows_ReportsEachByLineNumberAndReturnsNoEntries()
    {
        var result = Parse(""""
            prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
            44,UK,0.01,0,60/60,0,,
            4x,bad prefix,0.01,0,60/60,0,,
            45,Denmark,-0.01,0,60/60,0,,
            46,Sweden,0.01,0,60,0,,
            47,Norway,0.01,0,60/60,0,yesterday,
            48,Poland,0.01,0,60/60,0,2026-02-01,2026-01-01
            49,Germany,0.01,0
            44,UK again,0.02,0,60/60,0,,
            "50,unterminated,0.01,0,60/60,0,,
            51,too precise,0.0000001,0,60/60,0,,
            """");

        Assert.False(result.Succeeded);
        Assert.Empty(result.Entries);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11], result.Errors.Select(e => e.Line));
        Assert.Contains("prefix", result.Errors[0].Message);
        Assert.Contains("price_per_minute", result.Errors[1].Message);
        Assert.Contains("increments", result.Errors[2].Message);
        Assert.Contains("effective_from", result.Errors[3].Message);
        Assert.Contains("effective_to", result.Errors[4].Message);
        Assert.Contains("columns", result.Errors[5].Message);
        Assert.Contains("line 2", result.Errors[6].Message);
        Assert.Contains("quoted", result.Errors[7].Message);
    }

    [Fact]
    public void Parse_SamePrefixWithDisjointPeriods_IsAccepted()
    {
        var result = Parse(""""
            prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
            44,UK old,0.01,0,60/60,0,2026-01-01,2026-06-01
            44,UK new,0.02,0,60/60,0,2026-06-01,
            """");

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Entries.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("44,UK,0.01,0,60/60,0,,")]
    public void Parse_MissingHeader_IsAnError(string csv)
    {
        var result = Parse(csv);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Errors[0].Line);
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var original = Parse(""""
            prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to
            44,"UK, ""fixed""",0.0100,0.005,60/60,0,2026-01-01,
            447,UK mobile,0.09,0,30/6,30,2026-01-01T00:00:00Z,2027-01-01
            """").Entries;

        var again = Parse(RateDeckCsv.Write(original));

        Assert.True(again.Succeeded);
        Assert.Equal(original, again.Entries);
    }
}
