using Switchboard.Edge.Tests.Security;
using Switchboard.Edge.Tests.Support;

namespace Switchboard.Edge.Tests.Calls;

/// <summary>When the edge sends 100 Trying to an initial INVITE (RFC 3261 §8.2.6.1, §17.2.1), over real UDP against a TestingHost cluster.</summary>
public sealed class InviteHandlerTests(SourceBanFixture fixture) : IClassFixture<SourceBanFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task InviteWithoutCredentials_EdgeKnowsTheDomain_407AtOnceWithoutTrying()
    {
        using var phone = new LoopbackPhone("127.0.0.5", fixture.First.Edge);
        Assert.Equal(200, await phone.RegisterAsync("1001", SourceBanFixture.Password, SourceBanFixture.Domain, Wait));

        // The first call may wait on the cluster (the domain, the digest policy) and then says 100 Trying first; a
        // phone's every next call is challenged from what the edge has cached, straight away.
        Assert.Equal(407, await phone.InviteAsync("1001", SourceBanFixture.Password, SourceBanFixture.Domain, "1002", Wait));
        var answer = await phone.FirstAnswerToInviteAsync("1001", SourceBanFixture.Domain, "1002", Wait);

        Assert.NotNull(answer);
        Assert.StartsWith("SIP/2.0 407 ", answer, StringComparison.Ordinal);
    }
}
