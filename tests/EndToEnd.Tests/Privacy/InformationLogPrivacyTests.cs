using Microsoft.Extensions.Logging;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains.Extensions;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Privacy;

/// <summary>
/// docs/privacy.md, logs: what a real silo with its co-hosted edge writes at Information level and above while a phone
/// registers and two phones call, captured by a log provider of the test's own. Numbers, the phones' address and their
/// SIP Call-IDs (sipp builds them as <c>n-pid@its address</c>) stay out unless <c>Sip:LogNumbers</c> is on.
/// </summary>
public sealed class InformationLogPrivacyTests
{
    private const string Caller = "5550101";
    private const string Callee = "5550102";
    private const string Registering = "5550103";

    /// <summary>The phones' source address: a loopback address the silo itself never uses (it is on 127.0.0.1).</summary>
    private const string PhoneAddress = "127.0.0.9";

    [Fact]
    public async Task InformationLines_RegistrationAndCallByDefault_CarryNoNumberAddressOrCallId()
    {
        var lines = await RegisterAndCallAsync(logNumbers: false);

        Assert.Contains(lines, l => l.Contains("from 555xxxx to 555xxxx started", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("REGISTER 555xxxx@", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Extension {Provisioning.TenantId}/555xxxx provisioned", StringComparison.Ordinal));
        foreach (var secret in new[] { Caller, Callee, Registering, PhoneAddress })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }

        // Scopes are opened only when the console writes them.
        Assert.DoesNotContain(lines, l => l.Contains("SipCallId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InformationLines_ScopesOn_CarryTheSipCallIdMasked()
    {
        var lines = await RegisterAndCallAsync(logNumbers: false, includeScopes: true);

        Assert.Contains(lines, l => l.Contains("from 555xxxx to 555xxxx started", StringComparison.Ordinal) && l.Contains("SipCallId ", StringComparison.Ordinal));
        foreach (var secret in new[] { Caller, Callee, Registering, PhoneAddress })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task InformationLines_LogNumbersOn_CarryNumbersAndCallIdsInFull()
    {
        var lines = await RegisterAndCallAsync(logNumbers: true);

        Assert.Contains(lines, l => l.Contains($"from {Caller} to {Callee} started (Call-ID ", StringComparison.Ordinal)
            && l.Contains("@" + PhoneAddress, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"REGISTER {Registering}@", StringComparison.Ordinal) && l.Contains("@" + PhoneAddress, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Extension {Provisioning.TenantId}/{Caller} provisioned", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> RegisterAndCallAsync(bool logNumbers, bool includeScopes = false)
    {
        var capture = new LogCapture();
        await using var silo = await RunningSilo.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["Sip:LogNumbers"] = logNumbers ? "true" : "false",
                ["Media:PortMin"] = "35000",
                ["Media:PortMax"] = "35099",
                ["Sip:TrunkPingSeconds"] = "0",

                // What src/Silo/appsettings.json ships: Information, Orleans' own chatter from Warning.
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Orleans"] = "Warning",
                ["Logging:Console:FormatterOptions:IncludeScopes"] = includeScopes ? "true" : "false",
            },
            configure: builder => builder.Logging.AddProvider(capture));
        var provisioning = new Provisioning(silo);
        await provisioning.SeedAsync();
        foreach (var number in new[] { Caller, Callee, Registering })
        {
            await silo.GrainFactory.GetGrain<IExtensionGrain>(ExtensionKeys.For(Provisioning.TenantId, number))
                .Provision(new ExtensionSettings("Privacy " + number, true, null), Provisioning.Password(number));
        }

        var edge = $"127.0.0.1:{silo.SipPort}";
        (await SippRunner.RunAsync(new SippRun("register.xml")
        {
            Remote = edge,
            LocalAddress = PhoneAddress,
            AuthUser = Registering,
            AuthPassword = Provisioning.Password(Registering),
            Keys = new Dictionary<string, string> { ["caller"] = Registering, ["domain"] = Provisioning.Domain },
            Timeout = TimeSpan.FromSeconds(15),
        })).AssertSucceeded();

        var calleePort = FreePorts.Next();
        await provisioning.BindAsync(Callee, calleePort);
        await SippPair.RunAsync(
            new SippRun("uas_answer.xml") { LocalPort = calleePort, Timeout = TimeSpan.FromSeconds(20) },
            new SippRun("uac_call.xml")
            {
                Remote = edge,
                LocalAddress = PhoneAddress,
                Service = Callee,
                AuthUser = Caller,
                AuthPassword = Provisioning.Password(Caller),
                Keys = new Dictionary<string, string> { ["caller"] = Caller, ["domain"] = Provisioning.Domain },
                Timeout = TimeSpan.FromSeconds(20),
            });

        // The edge writes its "ended" line once the BYE's transaction is done, just after sipp has seen the 200.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!capture.AtLeast(LogLevel.Information).Any(l => l.Contains(" ended: ", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var lines = capture.AtLeast(LogLevel.Information);
        Assert.Contains(lines, l => l.Contains(" answered after ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" ended: ", StringComparison.Ordinal));
        return lines;
    }
}
