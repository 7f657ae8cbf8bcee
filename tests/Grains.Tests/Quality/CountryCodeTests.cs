using Switchboard.Grains.Quality;

namespace Switchboard.Grains.Tests.Quality;

public sealed class CountryCodeTests
{
    [Theory]
    [InlineData("4930123456", "49")]
    [InlineData("+4930123456", "49")]
    [InlineData("004930123456", "49")]
    [InlineData("12125551234", "1")]
    [InlineData("74951234567", "7")]
    [InlineData("351211234567", "351")]
    [InlineData("97142345678", "971")]
    [InlineData("44", "44")]
    [InlineData("2125", "212")]
    public void Of_InternationalNumber_GivesItsCountryCode(string number, string expected) =>
        Assert.Equal(expected, CountryCode.Of(number));

    [Theory]
    [InlineData("030123456")]
    [InlineData("sip:alice")]
    [InlineData("")]
    [InlineData("3")]
    public void Of_NotAnInternationalNumber_IsNull(string number) => Assert.Null(CountryCode.Of(number));

    [Fact]
    public void Of_SameCodeTwice_ReturnsTheSharedString() =>
        Assert.Same(CountryCode.Of("4930123"), CountryCode.Of("+49 89".Replace(" ", "", StringComparison.Ordinal)));
}
