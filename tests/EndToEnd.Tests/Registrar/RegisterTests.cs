using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains.Extensions;

namespace Switchboard.EndToEnd.Tests.Registrar;

[Collection(EdgeCollection.Name)]
public sealed class RegisterTests(EdgeCluster cluster)
{
    [Fact]
    public async Task Register_RightPassword_BindsListsAndRemoves()
    {
        var result = await SippRunner.RunAsync(Phone("register.xml", "1003", Provisioning.Password("1003")));

        result.AssertSucceeded();
        var bindings = await cluster.Grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(Provisioning.TenantId, "1003")).GetBindings();
        Assert.Empty(bindings);
    }

    [Fact]
    public async Task Register_WrongPassword_Forbidden()
    {
        var result = await SippRunner.RunAsync(Phone("register_rejected.xml", "1003", "not-the-password"));

        result.AssertSucceeded();
    }

    [Fact]
    public async Task Register_UnknownExtension_ForbiddenLikeWrongPassword()
    {
        var result = await SippRunner.RunAsync(Phone("register_rejected.xml", "1999", "whatever"));

        result.AssertSucceeded();
    }

    private SippRun Phone(string scenario, string extension, string password) => new(scenario)
    {
        Remote = cluster.EdgeAddress,
        AuthUser = extension,
        AuthPassword = password,
        Keys = new Dictionary<string, string> { ["caller"] = extension, ["domain"] = Provisioning.Domain },
        Timeout = TimeSpan.FromSeconds(15),
    };
}
