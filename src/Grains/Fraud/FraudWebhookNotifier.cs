using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Tenants;

namespace Switchboard.Grains.Fraud;

/// <summary>
/// Sends fraud alerts to webhooks: the operator's (<c>Fraud:Webhook:Url</c>: locks, or every breach) and, when an
/// account is locked, its tenant's (set through the admin API). <see cref="NotifyAsync"/> only queues: the account
/// grain that raised the alert is answering an INVITE and must not wait for a receiver, let alone its retries.
/// Two workers deliver; a full queue drops the alert with a log line (it is in the alert table either way).
/// </summary>
public sealed partial class FraudWebhookNotifier(
    IOptions<FraudWebhookOptions> options,
    FraudWebhookSender sender,
    IGrainFactory grains,
    ILogger<FraudWebhookNotifier> logger) : BackgroundService, IFraudAlertSink
{
    private const int Workers = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<FraudAlert> _queue = Channel.CreateBounded<FraudAlert>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    public Task NotifyAsync(FraudAlert alert, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var forOperator = settings.Url is not null && (alert.LockedAccount || !settings.LockedAccountsOnly);
        if ((forOperator || alert.LockedAccount) && !_queue.Writer.TryWrite(alert))
        {
            LogDropped(logger, alert.AlertId);
        }

        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => DeliverAsync(stoppingToken)));

    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DeliverAsync(alert, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A tenant grain that cannot be reached must not stop the worker for the alerts behind it.
                    LogDeliveryFailed(logger, alert.AlertId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is in the alert table.
        }
    }

    private async Task DeliverAsync(FraudAlert alert, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new FraudWebhookPayload(alert), Json);
        var settings = options.Value;
        if (settings.Url is { } url && (alert.LockedAccount || !settings.LockedAccountsOnly))
        {
            await sender.SendAsync(new FraudWebhookDelivery(url, settings.Secret!, body, alert.AlertId, Tenant: false), cancellationToken);
        }

        if (alert.LockedAccount && await grains.Grain<ITenantGrain>(alert.TenantId).GetFraudWebhook() is { } tenant)
        {
            await sender.SendAsync(new FraudWebhookDelivery(tenant.Url, tenant.Secret, body, alert.AlertId, Tenant: true), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fraud webhook queue full; alert {AlertId} is not sent (it is stored)")]
    private static partial void LogDropped(ILogger logger, Guid alertId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fraud webhook delivery of alert {AlertId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid alertId, Exception exception);
}
