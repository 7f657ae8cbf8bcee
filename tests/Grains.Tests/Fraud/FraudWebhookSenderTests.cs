using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Tests.Fraud;

public sealed class FraudWebhookSenderTests
{
    private const string Secret = "operator-webhook-secret-0123456789";

    private static readonly byte[] Body = JsonSerializer.SerializeToUtf8Bytes(new { alertId = Guid.Empty, lockedAccount = true });

    private static FraudWebhookSender Sender(int maxAttempts = 4, bool allowPrivate = true) => new(
        Options.Create(new FraudWebhookOptions
        {
            MaxAttempts = maxAttempts,
            FirstRetryDelay = TimeSpan.FromMilliseconds(100),
            Timeout = TimeSpan.FromSeconds(3),
            AllowPrivateTenantUrls = allowPrivate,
        }),
        TimeProvider.System,
        NullLogger<FraudWebhookSender>.Instance);

    [Fact]
    public async Task SendAsync_ReceiverFailsTwice_RetriesWithBackoffAndEveryAttemptIsSigned()
    {
        using var receiver = new WebhookReceiver(503, 500, 204);
        using var sender = Sender();
        var alertId = Guid.NewGuid();

        var delivered = await sender.SendAsync(new FraudWebhookDelivery(receiver.Url, Secret, Body, alertId, Tenant: false), CancellationToken.None);

        Assert.True(delivered);
        var requests = receiver.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal(Body, r.Body);
            Assert.Equal(alertId.ToString(), r.AlertId);
            Assert.True(WebhookReceiver.Verifies(r.Signature, Secret, r.Body), r.Signature);
            Assert.False(WebhookReceiver.Verifies(r.Signature, Secret + "x", r.Body));
        });

        // Backoff from 100 ms with (decorrelated) jitter: bounded waits; their exact lengths are Polly's to draw.
        Assert.InRange(requests[2].At - requests[0].At, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SendAsync_ReceiverAlwaysFails_StopsAfterMaxAttempts()
    {
        using var receiver = new WebhookReceiver(502);
        using var sender = Sender(maxAttempts: 3);

        var delivered = await sender.SendAsync(new FraudWebhookDelivery(receiver.Url, Secret, Body, Guid.NewGuid(), Tenant: false), CancellationToken.None);

        Assert.False(delivered);
        await Task.Delay(300);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ClientError_IsFinalNotRetried()
    {
        using var receiver = new WebhookReceiver(400);
        using var sender = Sender();

        Assert.False(await sender.SendAsync(new FraudWebhookDelivery(receiver.Url, Secret, Body, Guid.NewGuid(), Tenant: false), CancellationToken.None));

        await Task.Delay(300);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task SendAsync_TenantUrlOnLoopback_RefusedBeforeConnecting()
    {
        using var receiver = new WebhookReceiver(204);
        using var sender = Sender(maxAttempts: 2, allowPrivate: false);

        Assert.False(await sender.SendAsync(new FraudWebhookDelivery(receiver.Url, Secret, Body, Guid.NewGuid(), Tenant: true), CancellationToken.None));

        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::cb00:710a", true)]
    [InlineData("203.0.113.10", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void IsPublic_ClassifiesTheClustersOwnNetworks(string address, bool expected) =>
        Assert.Equal(expected, WebhookAddresses.IsPublic(System.Net.IPAddress.Parse(address)));
}
