using Switchboard.Grains.Extensions;
using Switchboard.Grains.Tests.Calls.Support;

namespace Switchboard.Grains.Tests.Extensions;

[Collection(CallControlClusterFixture.Collection)]
public sealed class ExtensionIndexGrainTests(CallControlClusterFixture fixture)
{
    [Fact]
    public async Task Provision_NewAndRepeated_ListsEachNumberOnceInOrder()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();

        await pbx.AddExtension("1002");
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002", enabled: false);

        Assert.Equal(["1001", "1002"], await Index(pbx).List(0, 100));
    }

    [Fact]
    public async Task Deprovision_TakesTheNumberOffTheList_AndAgainChangesNothing()
    {
        var pbx = new TestPbx(fixture);
        await pbx.Create();
        await pbx.AddExtension("1001");
        await pbx.AddExtension("1002");

        await pbx.Extension("1001").Deprovision();
        await pbx.Extension("1001").Deprovision();

        Assert.Equal(["1002"], await Index(pbx).List(0, 100));
    }

    [Fact]
    public async Task Provision_Rejected_ListsNothing()
    {
        var pbx = new TestPbx(fixture);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pbx.AddExtension("1001"));
        await pbx.Create();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            pbx.Extension("1002").Provision(new ExtensionSettings("Short", true, null), "short"));

        Assert.Empty(await Index(pbx).List(0, 100));
    }

    [Fact]
    public async Task List_OnlyThisTenantsNumbers_Paged()
    {
        var mine = new TestPbx(fixture);
        var theirs = new TestPbx(fixture);
        await mine.Create();
        await theirs.Create();
        foreach (var number in new[] { "3", "1", "2" })
        {
            await mine.AddExtension(number);
        }

        await theirs.AddExtension("9");

        Assert.Equal(["1", "2"], await Index(mine).List(0, 2));
        Assert.Equal(["3"], await Index(mine).List(2, 2));
        Assert.Equal(["9"], await Index(theirs).List(0, 100));
    }

    private IExtensionIndexGrain Index(TestPbx pbx) => fixture.Grains.GetGrain<IExtensionIndexGrain>(pbx.TenantId);
}
