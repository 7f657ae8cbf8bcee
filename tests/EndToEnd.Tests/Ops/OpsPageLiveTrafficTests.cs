using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Sipp;
using Switchboard.Grains.Calls;
using Switchboard.TestKit.Browser;
using Switchboard.TestKit.Hosting;
using Xunit.Abstractions;

namespace Switchboard.EndToEnd.Tests.Ops;

/// <summary>
/// The operations page in headless Chromium with sipp traffic through the co-hosted edge: a call through a carrier
/// trunk, a busy extension and one call left up. The charts must draw what that traffic did, and the page's
/// hang-up button, clicked with the browser's own mouse events, must end the held call on both phones.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class OpsPageLiveTrafficTests(EdgeCluster cluster, ITestOutputHelper output)
{
    private const string Trunk = "carrier-ops";
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OpsPage_RealCalls_ChartsDrawTraffic_HangUpButtonEndsTheCall()
    {
        await PlaceFinishedCallsAsync();

        // The call the page hangs up: both phones wait for a BYE only the cluster can send.
        var calleePort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", calleePort);
        await using var callee = SippRunner.Start(new SippRun("uas_answer.xml") { LocalPort = calleePort, Timeout = TimeSpan.FromSeconds(90) });
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        await using var caller = SippRunner.Start(Phone1001Dials("uac_callee_bye.xml", "1002") with { Timeout = TimeSpan.FromSeconds(90) });
        var callId = await AnsweredCalls.WaitAsync(cluster.Grains, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1));

        await using var browser = await HeadlessChromium.StartAsync();
        var page = browser.Page;
        await page.NavigateAsync(new Uri(cluster.Silo.HttpBaseAddress, "/ops/"));
        await page.EvaluateAsync(
            $"document.querySelector('#key').value = '{cluster.OperatorKey}'; document.querySelector('#key-form').requestSubmit(); true");
        var button = $"#calls tbody button[data-call-id='{callId}']";
        Assert.True(await page.WaitUntilAsync($"document.querySelector(\"{button}\") !== null", UiTimeout), "the held call was never listed: " + await TextAsync(page, "#calls"));

        // Every chart drew, and the lines carry this traffic: the held call, the trunk's answered call, the 486.
        Assert.True(
            await page.WaitUntilAsync("document.querySelectorAll('#charts canvas').length === 7", UiTimeout),
            "charts never drew: " + await TextAsync(page, "#charts"));
        Assert.True(
            await page.WaitUntilAsync(
                "(() => { const d = window.opsCharts.data; if (!d) return false;" +
                " const line = (k, n) => d[k].find(l => l.name === n); const some = (l) => !!l && l.values.some(v => v !== null && v > 0);" +
                $" return some(d.activeCalls[0]) && some(line('asrPercent', 'e2e/{Trunk}')) && some(line('acdSeconds', 'e2e/{Trunk}'))" +
                " && some(line('failuresBySipStatus', '486')) && some(line('settlementMs', 'mean')); })()",
                UiTimeout),
            "the charts never showed the traffic: " + (await page.EvaluateAsync("JSON.stringify(window.opsCharts.data)")).GetString());
        Assert.Equal(100.0, (await page.EvaluateAsync($"Math.max(...window.opsCharts.data.asrPercent.find(l => l.name === 'e2e/{Trunk}').values)")).GetDouble());

        // Wait for one more sample so the screenshot shows lines, not single points.
        var samples = (await page.EvaluateAsync("window.opsCharts.data.times.length")).GetInt32();
        await page.WaitUntilAsync($"window.opsCharts.data.times.length >= {samples + 2}", TimeSpan.FromSeconds(10));
        var screenshot = await page.ScreenshotAsync();
        var path = Path.Combine(AppContext.BaseDirectory, "ops-charts.png");
        await File.WriteAllBytesAsync(path, screenshot);
        output.WriteLine($"screenshot: {path} ({screenshot.Length} bytes)");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], screenshot.Take(8));
        Assert.True(screenshot.Length > 20_000, $"a {screenshot.Length}-byte screenshot cannot hold seven charts");

        // First click arms the button, the second hangs up; the table is redrawn every 2 s, so a click that landed
        // on a row being replaced is repeated (at most three times each).
        await ClickUntilAsync(page, button, $"document.querySelector(\"{button}\")?.textContent === 'Confirm hang-up'");
        await ClickUntilAsync(page, button, $"document.querySelector('#status').textContent.startsWith('Hung up {callId}')");

        (await caller.WaitAsync()).AssertSucceeded();
        (await callee.WaitAsync()).AssertSucceeded();
        var ended = await SettledAsync(callId);
        Assert.Equal("operator: hung up from the operations page", ended.GetProperty("endReason").GetString());
        Assert.True(
            await page.WaitUntilAsync($"!document.querySelector('#calls tbody').innerText.includes('{callId}')", UiTimeout),
            "the ended call stayed listed");
        Assert.True(
            await page.WaitUntilAsync($"document.querySelector('#cdrs tbody').innerText.includes('{callId}')", UiTimeout),
            "no CDR listed for the ended call: " + await TextAsync(page, "#cdrs"));
    }

    /// <summary>An answered call through a carrier trunk (ASR, ACD, settlement) and a busy extension (486).</summary>
    private async Task PlaceFinishedCallsAsync()
    {
        var carrierPort = FreePorts.Next();
        await cluster.Provisioning.TrunksAsync((Trunk, carrierPort, true));
        await SippPair.RunAsync(
            new SippRun("uas_carrier_auth.xml") { LocalPort = carrierPort, Timeout = TimeSpan.FromSeconds(20) },
            Phone1001Dials("uac_call.xml", "4930555123"));

        var busyPort = FreePorts.Next();
        await cluster.Provisioning.BindAsync("1002", busyPort);
        await SippPair.RunAsync(
            new SippRun("uas_busy.xml") { LocalPort = busyPort, Timeout = TimeSpan.FromSeconds(20) },
            Phone1001Dials("uac_busy.xml", "1002"));
    }

    private SippRun Phone1001Dials(string scenario, string number) => new(scenario)
    {
        Remote = cluster.EdgeAddress,
        Service = number,
        AuthUser = "1001",
        AuthPassword = Provisioning.Password("1001"),
        Keys = new Dictionary<string, string> { ["caller"] = "1001", ["domain"] = Provisioning.Domain },
        Timeout = TimeSpan.FromSeconds(20),
    };

    private static async Task ClickUntilAsync(DevToolsSession page, string selector, string done)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.True(await page.ClickAsync(selector), $"nothing to click at {selector}");
            if (await page.WaitUntilAsync(done, TimeSpan.FromSeconds(3)))
            {
                return;
            }
        }

        Assert.Fail($"clicking {selector} never led to {done}: " + await TextAsync(page, "#status"));
    }

    /// <summary>The call as the admin API shows it once settled (CDR written), within 15 s.</summary>
    private async Task<JsonElement> SettledAsync(string callId)
    {
        using var http = cluster.Silo.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cluster.OperatorKey);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            var call = await http.GetFromJsonAsync<JsonElement>($"/api/v1/calls/{callId}");
            if (call.GetProperty("settled").GetBoolean())
            {
                return call;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{callId} was not settled within 15 s of the hang-up");
    }

    private static async Task<string> TextAsync(DevToolsSession page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector('{selector}').innerText")).GetString() ?? "";
}
