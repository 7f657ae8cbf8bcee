using Switchboard.Sip.Transactions;

namespace Switchboard.Sip.Tests.Transactions;

public sealed class SipTransactionOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1300)]
    [InlineData(65507)]
    public void Validate_MaxUdpRequestBytesOffOrInRange_Succeeds(int bytes) =>
        Assert.True(new SipTransactionOptionsValidator().Validate(null, new SipTransactionOptions { MaxUdpRequestBytes = bytes }).Succeeded);

    [Theory]
    [InlineData(-1)]
    [InlineData(499)]
    [InlineData(65508)]
    public void Validate_MaxUdpRequestBytesOutOfRange_NamesTheKey(int bytes)
    {
        var result = new SipTransactionOptionsValidator().Validate(null, new SipTransactionOptions { MaxUdpRequestBytes = bytes });

        Assert.Contains(result.Failures!, f => f.StartsWith("Sip:Transactions:MaxUdpRequestBytes", StringComparison.Ordinal));
    }
}
