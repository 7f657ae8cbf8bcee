using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchboard.Grains.Fraud;

/// <summary>
/// POSTs each alert as JSON to an operator's URL. Delivery is best effort with a short timeout: the alert is already
/// stored in the alert table, and an account grain must not stall on a slow receiver. Failures are logged, not thrown.
/// </summary>
public sealed partial class WebhookFraudAlertSink(
    HttpClient http, IOptions<FraudWebhookOptions> options, ILogger<WebhookFraudAlertSink> logger) : IFraudAlertSink
{
    public async Task NotifyAsync(FraudAlert alert, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Url is null || (settings.LockedAccountsOnly && !alert.LockedAccount))
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var body = new
            {
                alertId = alert.AlertId,
                accountId = alert.AccountId,
                tenantId = alert.TenantId,
                rule = alert.Rule.ToString(),
                reason = alert.Reason,
                callId = alert.CallId,
                destination = alert.Destination,
                raisedAt = alert.RaisedAt,
                lockedAccount = alert.LockedAccount,
            };
            using var response = await http.PostAsJsonAsync(settings.Url, body, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRejected(logger, alert.AlertId, (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            LogFailed(logger, alert.AlertId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fraud webhook answered {Status} for alert {AlertId}")]
    private static partial void LogRejected(ILogger logger, Guid alertId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fraud webhook delivery failed for alert {AlertId}: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid alertId, string error);
}
