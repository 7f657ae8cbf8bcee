using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;
using Switchboard.Grains.Telemetry;
using Switchboard.TestKit.Browser;
using Switchboard.TestKit.Hosting;
using Xunit.Abstractions;

namespace Switchboard.Silo.Tests.Observability;

public sealed class OpsPageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task OpsPage_HeadlessChromium_KeyEntered_ShowsOverviewLiveCallAndAccount()
    {
        var operatorKey = $"sbk_test_{Guid.NewGuid():N}";
        await using var silo = await RunningSilo.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Admin:BootstrapKey"] = operatorKey,
            ["Ops:ChartSampleSeconds"] = "1",
        });
        var metrics = silo.Services.GetRequiredService<SwitchboardMetrics>();
        for (var i = 0; i < 3; i++)
        {
            metrics.CallStarted();
        }

        // Lines as call grains report them; the second caller is what a hostile From header could carry.
        var now = DateTimeOffset.UtcNow;
        var callId = CallKeys.NewCallId();
        var activeCalls = silo.GrainFactory.GetGrain<IActiveCallsGrain>("demo");
        await activeCalls.Update(
            [
                new ActiveCall(callId, "demo", CallState.Answered, CallDirection.OnNet, "1001", "1002", now.AddSeconds(-42), now.AddSeconds(-40), now),
                new ActiveCall(CallKeys.NewCallId(), "demo", CallState.Ringing, CallDirection.Outbound, Hostile, "+4930123456", now, null, now),
            ],
            []);

        await using var browser = await HeadlessChromium.StartAsync();
        var page = browser.Page;
        await page.NavigateAsync(new Uri(silo.HttpBaseAddress, "/ops/"));

        // Nothing is shown, and nothing fetched, before a key is entered.
        Assert.True((await page.EvaluateAsync("document.querySelector('#content').hidden")).GetBoolean());
        await page.EvaluateAsync(
            $"document.querySelector('#key').value = '{operatorKey}'; document.querySelector('#key-form').requestSubmit(); true");

        Assert.True(
            await page.WaitUntilAsync("document.querySelector('#silo-count').textContent === '1'", UiTimeout),
            "silo count never appeared: " + await StatusAsync(page));
        Assert.True(
            await page.WaitUntilAsync("document.querySelector('#active-calls').textContent === '3'", UiTimeout),
            "active calls never reached 3: " + await StatusAsync(page));
        Assert.True(await page.WaitUntilAsync("document.querySelector('#status').className === 'live'", UiTimeout));
        Assert.True(
            await page.WaitUntilAsync($"document.querySelector('#calls tbody').innerText.includes('{callId}')", UiTimeout),
            "live call never listed: " + await TextAsync(page, "#calls"));
        Assert.True(
            await page.WaitUntilAsync("document.querySelector('#accounts tbody').innerText.includes('acct-demo')", UiTimeout),
            "demo account never listed: " + await TextAsync(page, "#accounts"));
        Assert.Contains("active", await TextAsync(page, "#accounts tbody"));
        Assert.Equal(2, (await page.EvaluateAsync("document.querySelectorAll('#calls tbody button').length")).GetInt32());

        // Caller text is shown as text: the markup is visible and never became an element or ran.
        Assert.Contains(Hostile, await TextAsync(page, "#calls tbody"));
        Assert.Equal(0, (await page.EvaluateAsync("document.querySelectorAll('#calls tbody img').length")).GetInt32());
        Assert.NotEqual(JsonValueKind.True, (await page.EvaluateAsync("window.__pwned === 1")).ValueKind);
        Assert.Equal("1", (await page.EvaluateAsync("document.querySelector('#edge-count').textContent")).GetString());
        Assert.Contains("Active", (await page.EvaluateAsync("document.querySelector('#overview tbody').innerText")).GetString());

        // The key is kept for the tab only, and never written into the page.
        Assert.Equal(operatorKey, (await page.EvaluateAsync("sessionStorage.getItem('switchboard.ops.key')")).GetString());
        Assert.DoesNotContain(operatorKey, (await page.EvaluateAsync("document.documentElement.outerHTML")).GetString());

        // Seven charts drawn by the vendored uPlot, the concurrent-calls line carrying the three calls started above.
        Assert.True(
            await page.WaitUntilAsync("document.querySelectorAll('#charts canvas').length === 7", UiTimeout),
            "charts never drew: " + await TextAsync(page, "#charts"));
        Assert.True(
            await page.WaitUntilAsync("window.opsCharts.data && window.opsCharts.data.activeCalls[0].values.includes(3)", UiTimeout),
            "the concurrent-calls chart never showed 3: " + await TextAsync(page, "#charts-detail"));
        Assert.Equal(1, (await page.EvaluateAsync("window.opsCharts.data.periodSeconds")).GetInt32());

        var screenshot = Path.Combine(AppContext.BaseDirectory, "ops-page.png");
        await File.WriteAllBytesAsync(screenshot, await page.ScreenshotAsync());
        output.WriteLine($"screenshot: {screenshot}");
    }

    [Fact]
    public async Task OpsPage_Assets_ServedWithoutKeyAndWithStrictPolicy_OverviewNeedsKey()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var http = silo.CreateHttpClient();

        using var html = await http.GetAsync("/ops/");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        var csp = string.Join(' ', html.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        var text = await html.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", text);
        Assert.DoesNotContain("https://", text);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ops/ops.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/ops/charts.js")).StatusCode);
        using var uplot = await http.GetAsync("/ops/uPlot.iife.min.js");
        Assert.Equal(HttpStatusCode.OK, uplot.StatusCode);
        Assert.StartsWith("/*! https://github.com/leeoniya/uPlot (v1.6.32) */", await uplot.Content.ReadAsStringAsync());
        Assert.Contains("MIT", await http.GetStringAsync("/ops/uPlot-LICENSE.txt"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/ops/Switchboard.Silo.dll")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/ops/api/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/ops/api/calls")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/ops/api/charts")).StatusCode);
    }

    private const string Hostile = "<img src=x onerror=window.__pwned=1>";

    private static async Task<string> StatusAsync(DevToolsSession page) => await TextAsync(page, "#status");

    private static async Task<string> TextAsync(DevToolsSession page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector('{selector}').innerText")).GetString() ?? "";
}
