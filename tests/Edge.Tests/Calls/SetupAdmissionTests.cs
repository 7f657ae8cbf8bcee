using Microsoft.Extensions.Options;
using Switchboard.Edge.Calls;
using Switchboard.Edge.Hosting;

namespace Switchboard.Edge.Tests.Calls;

public sealed class SetupAdmissionTests
{
    [Fact]
    public void TryEnter_AtTheLimit_RefusesUntilACallLeavesSetup()
    {
        var admission = new SetupAdmission(Options.Create(new SipOptions { MaxCallsInSetup = 2 }));

        Assert.True(admission.TryEnter());
        Assert.True(admission.TryEnter());
        Assert.False(admission.TryEnter());
        Assert.Equal(2, admission.InSetup);

        admission.Exit();
        Assert.True(admission.TryEnter());
        Assert.False(admission.TryEnter());
    }

    [Fact]
    public void TryEnter_AtTheLimit_AdmitsAnEmergencyCall_AndCountsIt()
    {
        var admission = new SetupAdmission(Options.Create(new SipOptions { MaxCallsInSetup = 1 }));
        Assert.True(admission.TryEnter());
        Assert.False(admission.TryEnter());

        Assert.True(admission.TryEnter(emergency: true));

        Assert.Equal(2, admission.InSetup);
        admission.Exit();
        Assert.False(admission.TryEnter());
    }

    [Theory]
    [InlineData("112", true)]
    [InlineData("911", true)]
    [InlineData("999", true)]
    [InlineData("000", true)]
    [InlineData("1120", false)]
    [InlineData("4930123456", false)]
    [InlineData(null, false)]
    public void EmergencyNumbers_KnownAnywhere(string? dialled, bool emergency) =>
        Assert.Equal(emergency, Grains.Emergency.EmergencyNumbers.IsKnownAnywhere(dialled));

    [Fact]
    public void TryEnter_LimitZero_AdmitsEveryCall()
    {
        var admission = new SetupAdmission(Options.Create(new SipOptions { MaxCallsInSetup = 0 }));

        for (var i = 0; i < 5_000; i++)
        {
            Assert.True(admission.TryEnter());
        }

        Assert.Equal(5_000, admission.InSetup);
    }

    [Fact]
    public async Task TryEnter_ManyThreadsAtOnce_NeverAdmitsPastTheLimit()
    {
        var admission = new SetupAdmission(Options.Create(new SipOptions { MaxCallsInSetup = 50 }));
        var admitted = 0;
        var inside = 0;
        var peak = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                if (admission.TryEnter())
                {
                    Interlocked.Increment(ref admitted);
                    InterlockedMax(ref peak, Interlocked.Increment(ref inside));
                    Thread.SpinWait(50);
                    Interlocked.Decrement(ref inside);
                    admission.Exit();
                }
            }
        })));

        Assert.InRange(peak, 1, 50);
        Assert.Equal(0, admission.InSetup);
        Assert.True(admitted > 0);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
