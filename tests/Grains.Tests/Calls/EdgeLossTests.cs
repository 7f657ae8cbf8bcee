using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Calls;

/// <summary>
/// An edge that dies mid-call stops refreshing its registry; the silo's renewer pass notices, and the call is ended
/// through a live edge (BYE on both legs from the dialog state) and billed up to the dead edge's last refresh.
/// </summary>
[Collection(CallControlClusterFixture.Collection)]
public sealed class EdgeLossTests(CallControlClusterFixture fixture)
{
    [Fact]
    public async Task AnsweredCall_ItsEdgeDies_SurvivorByesBothLegs_AndTheCallIsBilledUpToTheEdgesLastRefresh()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002");
        var dying = await TestEdge.Connect(fixture, confirms: false);
        await using var survivor = await TestEdge.Connect(fixture);
        Assert.Equal(200, (await pbx.Register("1002", "sip:1002@10.0.0.1:5060", dying.Id)).Status);
        var call = TestPbx.NewCall(fixture.Grains);
        var callId = call.GetPrimaryKeyString();
        var invite = TestPbx.Invite(pbx.FromExtension("1001"), "1002", dying.Id);
        var decision = await call.Start(invite);
        var leg = TestPbx.CalleeLeg(decision.Targets[0], dying.Id);
        await call.LegStarted(leg);
        Assert.Equal(LegAction.Connect, (await call.LegResponded(TestPbx.Response(leg, 200, "v=0 answer"))).Action);
        await call.Acknowledged(invite.CallerLeg.LegCallId);

        // The survivor holds no call: the silo finds it through the edge roster.
        await dying.Kill();
        var killedAt = DateTimeOffset.UtcNow;

        // Expiry (5 s) plus at most one renewer period (3 s), then the commands.
        var byes = new List<LegTermination>();
        while (byes.Count < 2)
        {
            var command = await survivor.NextCommand(TimeSpan.FromSeconds(15));
            if (command.CallId == callId)
            {
                byes.AddRange(command.Legs);
            }
        }

        Assert.All(byes, b => Assert.Equal(TerminationMethod.Bye, b.Method));
        Assert.Equal(
            new[] { invite.CallerLeg.LegCallId, leg.Dialog.LegCallId }.Order(),
            byes.Select(b => b.Dialog.LegCallId).Order());
        Assert.True(DateTimeOffset.UtcNow - killedAt < TimeSpan.FromSeconds(10));

        var cdr = Assert.Single(await Eventually.Get(
            () => Task.FromResult(fixture.Accounting.SettlementsOf(callId)), r => r.Count >= 1));
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
        Assert.True(cdr.EndedAt <= killedAt, $"billed to {cdr.EndedAt:O}, edge killed at {killedAt:O}");
    }
}
