using System.Net.Http.Json;
using System.Text.Json;

namespace Switchboard.Silo.Tests.Api.Extensions;

/// <summary>An extension's forwarding through the API: set by the tenant, kept by a PUT that leaves it out, off with an empty object, validated.</summary>
public sealed class ExtensionForwardingTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string Url = "/api/v1/tenants/fwd-api/extensions";

    [Fact]
    public async Task Forwarding_SetKeptReplacedAndTurnedOff()
    {
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "fwd-api");
        await ApiSeed.Ok(await admin.PostAsJsonAsync(Url, new
        {
            number = "2001", password = "ext-pass-2001",
            forwarding = new { onBusy = "2002", onNoAnswer = "+4930555777", noAnswerSeconds = 15 },
        }));
        var set = await ForwardingAsync(admin, "2001");
        Assert.Equal(("2002", "+4930555777", 15), (set.GetProperty("onBusy").GetString(), set.GetProperty("onNoAnswer").GetString(), set.GetProperty("noAnswerSeconds").GetInt32()));

        await ApiSeed.Ok(await admin.PutAsJsonAsync(Url + "/2001", new { displayName = "Reception" }));
        Assert.Equal("2002", (await ForwardingAsync(admin, "2001")).GetProperty("onBusy").GetString());

        await ApiSeed.Ok(await admin.PutAsJsonAsync(Url + "/2001", new { forwarding = new { always = "2003" } }));
        var replaced = await ForwardingAsync(admin, "2001");
        Assert.Equal(("2003", JsonValueKind.Null), (replaced.GetProperty("always").GetString(), replaced.GetProperty("onBusy").ValueKind));

        await ApiSeed.Ok(await admin.PutAsJsonAsync(Url + "/2001", new { forwarding = new { } }));
        Assert.Equal(JsonValueKind.Null, (await ForwardingAsync(admin, "2001")).ValueKind);
    }

    [Fact]
    public async Task BadForwarding_400()
    {
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "fwd-api");
        await ApiSeed.Ok(await admin.PostAsJsonAsync(Url, new { number = "2101", password = "ext-pass-2101" }));

        await ProblemAssert.Invalid(await admin.PutAsJsonAsync(Url + "/2101", new { forwarding = new { always = "2101" } }), "forwarding");
        await ProblemAssert.Invalid(await admin.PutAsJsonAsync(Url + "/2101", new { forwarding = new { onBusy = "sip:evil@example.com" } }), "forwarding");
        await ProblemAssert.Invalid(await admin.PutAsJsonAsync(Url + "/2101", new { forwarding = new { onNoAnswer = "2102", noAnswerSeconds = 2 } }), "forwarding");
        await ProblemAssert.Invalid(await admin.PostAsJsonAsync(Url, new { number = "2102", password = "ext-pass-2102", forwarding = new { always = "x" } }), "forwarding");
        Assert.Equal(JsonValueKind.Null, (await ForwardingAsync(admin, "2101")).ValueKind);
    }

    private static async Task<JsonElement> ForwardingAsync(HttpClient client, string number) =>
        JsonDocument.Parse(await client.GetStringAsync($"{Url}/{number}")).RootElement.GetProperty("settings").GetProperty("forwarding").Clone();
}
