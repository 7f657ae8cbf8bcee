using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Quality;
using Switchboard.Grains.Tests.Calls.Support;
using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Quality;

/// <summary>Known outcomes in, exact ASR, ACD, NER, PDD and failure counts out, per trunk, tenant and country.</summary>
public sealed class QualityStatsTests(BillingClusterFixture fixture) : IClassFixture<BillingClusterFixture>
{
    private BillingCluster Billing => fixture.Cluster;

    private QualityRecorder Recorder => Billing.Services.GetRequiredService<QualityRecorder>();

    private QualityFlusher Flusher => Billing.Services.GetServices<IHostedService>().OfType<QualityFlusher>().Single();

    [Fact]
    public async Task KnownOutcomes_GiveExactRatiosPerScope()
    {
        var start = DateTimeOffset.UtcNow;
        // Trunk q-1 of tenant q-a: 4 calls to Germany, 2 answered (60 s and 30 s), 1 busy, 1 failed with 503.
        Recorder.Record(Call("q1", "q-a", "q-1", "4930111", CallDisposition.Answered, 200, answeredAfter: 2, seconds: 60), TimeSpan.FromMilliseconds(1500));
        Recorder.Record(Call("q2", "q-a", "q-1", "4930222", CallDisposition.Answered, 200, answeredAfter: 4, seconds: 30), TimeSpan.FromMilliseconds(2500));
        Recorder.Record(Call("q3", "q-a", "q-1", "4930333", CallDisposition.Busy, 486), null);
        Recorder.Record(Call("q4", "q-a", "q-1", "4930444", CallDisposition.Failed, 503), null);
        // Another trunk of the same tenant, to France; and a call the switch refused, which seized nothing.
        Recorder.Record(Call("q5", "q-a", "q-2", "33123456789", CallDisposition.NotFound, 404), null);
        Recorder.Record(Call("q6", "q-a", "q-1", "4930666", CallDisposition.Refused, 403), null);
        await Flusher.FlushAsync();

        // The silo's own flusher may have taken part of them a moment earlier, one-way: wait for all to land.
        var trunk = await Window(QualityScopes.ForTrunk("q-a", "q-1"), seized: 4);
        Assert.Equal((4L, 2L), (trunk.Seized, trunk.Answered));
        Assert.Equal(0.5m, trunk.Asr);
        Assert.Equal(45m, trunk.AcdSeconds);
        Assert.Equal(0.75m, trunk.Ner);
        Assert.Equal(2000m, trunk.PddMilliseconds);
        Assert.Equal(new Dictionary<int, long> { [486] = 1, [503] = 1 }, trunk.FailuresBySipStatus);

        var tenant = await Window(QualityScopes.ForTenant("q-a"), seized: 5);
        Assert.Equal((5L, 0.4m, 0.6m), (tenant.Seized, tenant.Asr, tenant.Ner));

        var france = await Window(QualityScopes.ForCountry("33"), seized: 1);
        Assert.Equal((1L, 0m, (decimal?)null), (france.Seized, france.Asr, france.AcdSeconds));

        await Window(QualityScopes.ForCountry("49"), seized: 4);
        var report = await Billing.Grains.GetGrain<IQualityStatsGrain>(QualityScopes.ForCountry("49")).Report();
        Assert.Equal([5, 60, 1440], report.Windows.Select(w => w.Minutes));
        Assert.All(report.Windows, w => Assert.Equal(4, w.Seized));
        Assert.True(report.At >= start);
        Assert.Contains(QualityScopes.ForTrunk("q-a", "q-2"), await Eventually.Get(
            () => Billing.Grains.GetGrain<IQualityIndexGrain>(0).List(QualityScopes.Trunk), s => s.Count >= 2));
    }

    [Fact]
    public async Task SettledCall_IsCountedOnce_EvenWhenSettledTwice()
    {
        var account = await Billing.OpenAsync("acct-q", balance: 10m);
        var cdr = Cdrs.Answered("q-settled", "acct-q", 30) with { TrunkId = "q-t" };

        await account.SettleCall(cdr);
        await account.SettleCall(cdr);
        await Flusher.FlushAsync();

        var scopes = await Eventually.Get(
            () => Billing.Grains.GetGrain<IQualityIndexGrain>(0).List(QualityScopes.Trunk), s => s.Any(x => x.EndsWith("/q-t", StringComparison.Ordinal)));
        var trunk = await Window(Assert.Single(scopes, s => s.EndsWith("/q-t", StringComparison.Ordinal)), seized: 1);
        Assert.Equal((1L, 1L, 30m), (trunk.Seized, trunk.Answered, trunk.AcdSeconds));
    }

    private async Task<QualityWindow> Window(string scope, long seized) => await Eventually.Get(
        async () => (await Billing.Grains.GetGrain<IQualityStatsGrain>(scope).Report()).Windows.Single(w => w.Minutes == 5),
        w => w.Seized >= seized);

    private static CallDetailRecord Call(
        string id, string tenant, string trunk, string callee, CallDisposition disposition, int status, int answeredAfter = 0, int seconds = 0)
    {
        var start = DateTimeOffset.UtcNow;
        DateTimeOffset? answered = disposition == CallDisposition.Answered ? start.AddSeconds(answeredAfter) : null;
        return new CallDetailRecord(id, "acct-" + tenant, tenant, "1001", callee, CallDirection.Outbound, start, answered,
            (answered ?? start).AddSeconds(seconds), status, disposition, id + "-a", id + "-b", "edge-1", trunk);
    }
}
