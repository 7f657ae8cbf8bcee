using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Fraud;
using Switchboard.TestKit.Hosting;

namespace Switchboard.Grains.Tests.Fraud;

public sealed class WebhookFraudAlertSinkTests
{
    private static FraudAlert Alert(bool locked) => new(Guid.NewGuid(), "acct-demo", "demo",
        locked ? FraudRule.AccountLocked : FraudRule.BlockedDestination, "Destination +882 is blocked", "call-1", "88213",
        new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), locked);

    [Fact]
    public async Task NotifyAsync_LockAlert_PostsJsonToTheConfiguredUrl()
    {
        var port = FreePorts.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        using var http = new HttpClient();
        var sink = new WebhookFraudAlertSink(http,
            Options.Create(new FraudWebhookOptions { Url = new Uri($"http://127.0.0.1:{port}/hook/") }),
            NullLogger<WebhookFraudAlertSink>.Instance);
        var alert = Alert(locked: true);

        var received = listener.GetContextAsync();
        var sent = sink.NotifyAsync(alert, CancellationToken.None);
        var context = await received.WaitAsync(TimeSpan.FromSeconds(10));
        using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
        context.Response.StatusCode = 204;
        context.Response.Close();
        await sent.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("POST", context.Request.HttpMethod);
        Assert.StartsWith("application/json", context.Request.ContentType);
        Assert.Equal(alert.AlertId, body.RootElement.GetProperty("alertId").GetGuid());
        Assert.Equal("acct-demo", body.RootElement.GetProperty("accountId").GetString());
        Assert.Equal("AccountLocked", body.RootElement.GetProperty("rule").GetString());
        Assert.True(body.RootElement.GetProperty("lockedAccount").GetBoolean());
    }

    [Fact]
    public async Task NotifyAsync_ReceiverDown_DoesNotThrow()
    {
        using var http = new HttpClient();
        var sink = new WebhookFraudAlertSink(http,
            Options.Create(new FraudWebhookOptions { Url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/hook"), Timeout = TimeSpan.FromSeconds(2) }),
            NullLogger<WebhookFraudAlertSink>.Instance);

        await sink.NotifyAsync(Alert(locked: true), CancellationToken.None);
    }
}
