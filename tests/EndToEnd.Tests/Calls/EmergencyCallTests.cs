using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Emergency;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// An emergency call through the edge on the wire: a phone whose account is locked dials 112; the emergency trunk
/// (sipp) gets the INVITE with the number as dialled, Priority, the callback number and the location, and answers.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class EmergencyCallTests(EdgeCluster cluster)
{
    [Fact]
    public async Task LockedAccount_Dials112_EmergencyTrunkGetsCallbackAndLocation_SettledFree()
    {
        var carrierPort = FreePorts.Next();
        var psapPort = FreePorts.Next();
        await cluster.Provisioning.TrunksAsync(("carrier-a", carrierPort, false), ("psap", psapPort, false));
        var tenant = cluster.Grains.GetGrain<ITenantGrain>(Provisioning.TenantId);
        var account = cluster.Grains.GetGrain<IAccountGrain>(Provisioning.AccountId);
        var extension = cluster.Grains.GetGrain<IExtensionGrain>(ExtensionKeys.For(Provisioning.TenantId, "1001"));
        var settings = (await extension.GetSnapshot())!.Settings;
        var since = DateTimeOffset.UtcNow;
        try
        {
            (await tenant.SetEmergency(new EmergencyPolicy("DE", [], "psap", "4930123450", null))).OrThrow();
            await extension.Provision(settings with { EmergencyLocation = "https://lis.e2e.test/desk-1001" }, null);
            await account.SetStatus(AccountStatus.Locked, "end-to-end test of emergency calls");

            await SippPair.RunAsync(
                new SippRun("uas_emergency.xml") { LocalPort = psapPort, Timeout = TimeSpan.FromSeconds(20) },
                new SippRun("uac_call.xml")
                {
                    Remote = cluster.EdgeAddress,
                    Service = "112",
                    AuthUser = "1001",
                    AuthPassword = Provisioning.Password("1001"),
                    Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
                    Timeout = TimeSpan.FromSeconds(20),
                });

            var cdr = await SettledCdrs.WaitAsync(cluster.Silo, "1001", "112", since);
            Assert.Equal((CallDirection.Emergency, CallDisposition.Answered, "psap", 0m), (cdr.Direction, cdr.Disposition, cdr.TrunkId, cdr.Cost));
        }
        finally
        {
            await account.SetStatus(AccountStatus.Active, "end-to-end test of emergency calls done");
            await extension.Provision(settings, null);
            (await tenant.SetEmergency(null)).OrThrow();
        }
    }
}
