using Switchboard.Grains.Tenants;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Tenants;

[Collection(CallControlClusterFixture.Collection)]
public sealed class TenantRegistryGrainTests(CallControlClusterFixture fixture)
{
    private ITenantRegistryGrain Registry => fixture.Grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);

    [Fact]
    public async Task Configure_CreateAndChanges_RegistersTheTenantOnce()
    {
        var pbx = new TestPbx(fixture);

        await pbx.Create();
        await pbx.Create(ringTimeout: TimeSpan.FromSeconds(10));
        await Registry.Register(pbx.TenantId);

        Assert.Single(await AllIds(), id => id == pbx.TenantId);
    }

    [Fact]
    public async Task Configure_DomainOfAnotherTenant_RegistersNothing()
    {
        var owner = new TestPbx(fixture);
        await owner.Create();
        var intruder = new TestPbx(fixture);

        var result = await intruder.Tenant.Configure(
            new TenantSettings("Intruder", owner.Domain, TenantStatus.Active, intruder.AccountId, TenantPolicies.Default));

        Assert.Equal(GrainErrorCode.Conflict, result.Error?.Code);

        Assert.DoesNotContain(intruder.TenantId, await AllIds());
    }

    [Fact]
    public async Task List_Pages_InOrdinalOrderWithoutGapsOrRepeats()
    {
        foreach (var _ in Enumerable.Range(0, 5))
        {
            await new TestPbx(fixture).Create();
        }

        var all = await AllIds();
        var paged = new List<string>();
        for (var offset = 0; offset < all.Count; offset += 2)
        {
            paged.AddRange(await Registry.List(offset, 2));
        }

        Assert.Equal(all, paged);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);
        Assert.Empty(await Registry.List(all.Count, 2));
    }

    [Fact]
    public async Task Register_BadTenantId_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.Register("Not A Tenant"));
    }

    private async Task<IReadOnlyList<string>> AllIds() => await Registry.List(0, int.MaxValue);
}
