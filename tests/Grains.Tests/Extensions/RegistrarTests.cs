using Switchboard.Grains.Edges;
using Switchboard.Grains.Extensions;

namespace Switchboard.Grains.Tests.Extensions;

public sealed class RegistrarTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly RegistrarOptions Options = new() { MinExpires = 60, MaxExpires = 3600, DefaultExpires = 1800, MaxBindings = 3 };

    [Fact]
    public void Apply_NewContact_AddsBindingWithRequestedExpiry()
    {
        var outcome = Registrar.Apply([], Request(1, Contact("sip:1001@10.0.0.1", 300)), T0, Options);

        Assert.Equal(200, outcome.Result.Status);
        var binding = Assert.Single(outcome.Bindings);
        Assert.Equal(T0.AddSeconds(300), binding.ExpiresAt);
        Assert.Equal("edge-a", binding.EdgeId);
        Assert.Equal(new TransportAddress(SipTransport.Udp, "203.0.113.9", 40001), binding.Source);
        Assert.Equal(["<sip:edge-a.example;lr>"], binding.Path);
        Assert.Equal(300, binding.SecondsLeft(outcome.Result.At));
        Assert.True(outcome.Changed);
    }

    [Fact]
    public void Apply_ExpiresHeaderAndDefault_UsedWhenContactHasNone()
    {
        var withHeader = Registrar.Apply([], Request(1, expires: 120, contacts: Contact("sip:a@h", null)), T0, Options);
        var withDefault = Registrar.Apply([], Request(1, Contact("sip:a@h", null)), T0, Options);

        Assert.Equal(T0.AddSeconds(120), withHeader.Bindings[0].ExpiresAt);
        Assert.Equal(T0.AddSeconds(1800), withDefault.Bindings[0].ExpiresAt);
    }

    [Fact]
    public void Apply_TooBrief_423WithMinExpires_NothingChanges()
    {
        var existing = Registrar.Apply([], Request(1, Contact("sip:a@h", 300)), T0, Options).Bindings;

        var outcome = Registrar.Apply(existing, Request(2, Contact("sip:a@h", 30), Contact("sip:b@h", 300)), T0, Options);

        Assert.Equal(423, outcome.Result.Status);
        Assert.Equal(60, outcome.Result.MinExpires);
        Assert.Equal(existing, outcome.Bindings);
        Assert.False(outcome.Changed);
    }

    [Fact]
    public void Apply_TooLong_ClampedToMaxExpires()
    {
        var outcome = Registrar.Apply([], Request(1, Contact("sip:a@h", 86400)), T0, Options);

        Assert.Equal(T0.AddSeconds(3600), outcome.Bindings[0].ExpiresAt);
    }

    [Fact]
    public void Apply_Refresh_ExtendsExistingBindingKeepsRegisteredAt()
    {
        var first = Registrar.Apply([], Request(1, Contact("sip:a@h", 300)), T0, Options).Bindings;

        var refreshed = Registrar.Apply(first, Request(2, Contact("SIP:a@h", 600)), T0.AddSeconds(200), Options);

        var binding = Assert.Single(refreshed.Bindings);
        Assert.Equal(T0.AddSeconds(800), binding.ExpiresAt);
        Assert.Equal(T0, binding.RegisteredAt);
        Assert.Equal(2, binding.CSeq);
    }

    [Fact]
    public void Apply_ExpiresZero_RemovesOnlyThatContact()
    {
        var two = Registrar.Apply([], Request(1, Contact("sip:a@h", 300), Contact("sip:b@h", 300)), T0, Options).Bindings;

        var outcome = Registrar.Apply(two, Request(2, Contact("sip:a@h", 0)), T0, Options);

        Assert.Equal(200, outcome.Result.Status);
        Assert.Equal(["sip:b@h"], outcome.Bindings.Select(b => b.ContactUri));
    }

    [Fact]
    public void Apply_WildcardWithExpiresZero_RemovesAll()
    {
        var two = Registrar.Apply([], Request(1, Contact("sip:a@h", 300), Contact("sip:b@h", 300)), T0, Options).Bindings;

        var outcome = Registrar.Apply(two, Request(2, expires: 0, wildcard: true), T0, Options);

        Assert.Equal(200, outcome.Result.Status);
        Assert.Empty(outcome.Bindings);
    }

    [Theory]
    [InlineData(3600)]
    [InlineData(null)]
    public void Apply_WildcardWithoutExpiresZero_400(int? expires)
    {
        var outcome = Registrar.Apply([], Request(1, expires: expires, wildcard: true), T0, Options);

        Assert.Equal(400, outcome.Result.Status);
    }

    [Fact]
    public void Apply_WildcardWithOtherContacts_400()
    {
        var outcome = Registrar.Apply([], Request(1, expires: 0, wildcard: true, contacts: Contact("sip:a@h", 0)), T0, Options);

        Assert.Equal(400, outcome.Result.Status);
    }

    [Fact]
    public void Apply_SameCallIdNotHigherCSeq_500AndUnchanged()
    {
        var first = Registrar.Apply([], Request(5, Contact("sip:a@h", 300)), T0, Options).Bindings;

        var replay = Registrar.Apply(first, Request(5, Contact("sip:a@h", 0)), T0, Options);
        var wildcard = Registrar.Apply(first, Request(4, expires: 0, wildcard: true), T0, Options);

        Assert.Equal(500, replay.Result.Status);
        Assert.Equal(500, wildcard.Result.Status);
        Assert.Single(replay.Bindings);
    }

    [Fact]
    public void Apply_NoContacts_IsQueryThatPrunesExpired()
    {
        var first = Registrar.Apply([], Request(1, Contact("sip:a@h", 60), Contact("sip:b@h", 600)), T0, Options).Bindings;

        var query = Registrar.Apply(first, Request(2), T0.AddSeconds(61), Options);

        Assert.Equal(200, query.Result.Status);
        Assert.Equal(["sip:b@h"], query.Result.Bindings.Select(b => b.ContactUri));
    }

    [Fact]
    public void Apply_MoreThanMaxBindings_403()
    {
        var outcome = Registrar.Apply(
            [], Request(1, Contact("sip:a@h", 300), Contact("sip:b@h", 300), Contact("sip:c@h", 300), Contact("sip:d@h", 300)), T0, Options);

        Assert.Equal(403, outcome.Result.Status);
        Assert.Empty(outcome.Bindings);
    }

    [Fact]
    public void Apply_SameInstanceAndRegId_ReplacesOldFlow()
    {
        var instance = "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";
        var first = Registrar.Apply([], Request(1, new ContactRequest("sip:a@10.0.0.1:5060", 300, null, instance, 1)), T0, Options).Bindings;

        var moved = Registrar.Apply(
            first, Request(1, callId: "other-call", contacts: new ContactRequest("sip:a@10.0.0.2:5070", 300, null, instance, 1)), T0, Options);

        var binding = Assert.Single(moved.Bindings);
        Assert.Equal("sip:a@10.0.0.2:5070", binding.ContactUri);
    }

    private static ContactRequest Contact(string uri, int? expires) => new(uri, expires, null, null, null);

    private static RegisterRequest Request(long cseq, params ContactRequest[] contacts) =>
        Request(cseq, expires: null, wildcard: false, contacts: contacts);

    private static RegisterRequest Request(
        long cseq, int? expires = null, bool wildcard = false, string callId = "reg-1", params ContactRequest[] contacts) =>
        new(callId, cseq, contacts, wildcard, expires, ["<sip:edge-a.example;lr>"],
            new TransportAddress(SipTransport.Udp, "203.0.113.9", 40001), "edge-a", "phone/1.0");
}
