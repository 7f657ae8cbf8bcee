using Switchboard.Grains.Calls;
using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Routing;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>A fresh tenant per test (unique id, domain and account) and helpers to build what an edge would send.</summary>
public sealed class TestPbx(IGrainFactory grains)
{
    public TestPbx(CallControlClusterFixture fixture)
        : this(fixture.Grains)
    {
    }

    public const string Password = "secret-pass-1";

    public string TenantId { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public string Domain => TenantId + ".test";

    public string AccountId => "acct-" + TenantId;

    public ITenantGrain Tenant => grains.GetGrain<ITenantGrain>(TenantId);

    public async Task<TenantSnapshot> Create(TimeSpan? ringTimeout = null, TimeSpan? maxCallDuration = null, bool outboundAllowed = true) =>
        (await Tenant.Configure(new TenantSettings(
            "Test " + TenantId, Domain, TenantStatus.Active, AccountId,
            new TenantPolicies(ringTimeout ?? TimeSpan.FromSeconds(30), maxCallDuration ?? TimeSpan.FromHours(1), outboundAllowed)))).OrThrow();

    public IExtensionGrain Extension(string number) => grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(TenantId, number));

    public Task<ExtensionSnapshot> AddExtension(string number, string? accountId = null, bool enabled = true) =>
        Extension(number).Provision(new ExtensionSettings("Ext " + number, enabled, accountId), Password);

    public Task<RegistrationResult> Register(string number, string contact, string edgeId, int expires = 300, long cseq = 1) =>
        Extension(number).Register(new RegisterRequest(
            "reg-" + contact, cseq, [new ContactRequest(contact, expires, null, null, null)], false, null, [],
            new TransportAddress(SipTransport.Udp, "198.51.100.7", 40000 + number.Length), edgeId, "test-phone"));

    public CallOrigin FromExtension(string number) =>
        new(CallOriginKind.Extension, TenantId, number, null, number, "Ext " + number);

    public CallOrigin FromTrunk(string trunkId, string callerNumber) =>
        new(CallOriginKind.Trunk, TenantId, null, trunkId, callerNumber, null);

    public static ICallGrain NewCall(IGrainFactory grains) => grains.GetGrain<ICallGrain>(CallKeys.NewCallId());

    public static CallStart Invite(CallOrigin origin, string dialled, string edgeId) =>
        new(origin, dialled, $"sip:{dialled}@switchboard.test", CallerLeg(edgeId));

    public static LegDialog CallerLeg(string edgeId) => new(
        "a-" + Guid.NewGuid().ToString("N"), LegRole.Caller, "uas-tag", "caller-tag", "sip:callee@switchboard.test",
        "sip:caller@switchboard.test", 0, 1, "sip:caller@203.0.113.1:5060", ["<sip:proxy.example;lr>"], edgeId,
        new TransportAddress(SipTransport.Udp, "203.0.113.1", 5060), "v=0 caller-offer", null);

    public static LegStart CalleeLeg(CallTarget target, string edgeId) => new(target.Index, new LegDialog(
        "b-" + Guid.NewGuid().ToString("N"), LegRole.Callee, "uac-tag-" + target.Index, null, "sip:caller@switchboard.test",
        target.RequestUri, 1, 0, target.RequestUri, target.Path, edgeId, target.Destination, null, "v=0 relay-offer"));

    public static LegResponse Response(LegStart leg, int status, string? sdp = null) =>
        new(leg.Dialog.LegCallId, status, ReasonPhrases.For(status), "callee-tag-" + leg.TargetIndex,
            leg.Dialog.RemoteTarget, [], sdp);

    /// <summary>
    /// A leg to <paramref name="target"/> answers, the caller ACKs, talks for <paramref name="talk"/> and hangs up; the
    /// grain's BYE to the callee is confirmed. The call then settles.
    /// </summary>
    public static async Task TalkAndHangUp(ICallGrain call, string callerLegCallId, CallTarget target, string edgeId, TimeSpan? talk = null)
    {
        var leg = CalleeLeg(target, edgeId);
        Assert.True(await call.LegStarted(leg));
        Assert.Equal(LegAction.Connect, (await call.LegResponded(Response(leg, 200, "v=0 answer"))).Action);
        await call.Acknowledged(callerLegCallId);
        if (talk is { } time)
        {
            await Task.Delay(time);
        }

        var verdict = await call.HangupReceived(new LegHangup(callerLegCallId, HangupKind.Bye, edgeId, "BYE"));
        await call.LegEnded(Assert.Single(verdict.Terminate).Dialog.LegCallId, edgeId);
    }
}
