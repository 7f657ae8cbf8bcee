using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Switchboard.Grains.Fraud;

/// <summary>
/// POSTs one signed payload with bounded retries: <see cref="FraudWebhookOptions.MaxAttempts"/> attempts, each
/// limited to <see cref="FraudWebhookOptions.Timeout"/>, exponential backoff with jitter (Polly), retried on
/// connection errors, timeouts, 408, 429 and 5xx; any other answer is final. Each attempt is signed with its own
/// timestamp. Tenants' URLs go through a client that refuses non-public addresses at connect time (after DNS), so a
/// name that resolves into the cluster's network is refused too; neither client follows redirects.
/// </summary>
public sealed partial class FraudWebhookSender : IDisposable
{
    private readonly HttpClient _operator;
    private readonly HttpClient _tenant;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _clock;
    private readonly ILogger<FraudWebhookSender> _logger;

    public FraudWebhookSender(IOptions<FraudWebhookOptions> options, TimeProvider clock, ILogger<FraudWebhookSender> logger)
    {
        var settings = options.Value;
        _clock = clock;
        _logger = logger;
        _operator = new HttpClient(Handler(guard: false), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _tenant = new HttpClient(Handler(guard: !settings.AllowPrivateTenantUrls), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                Delay = settings.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                OnRetry = args =>
                {
                    LogRetry(_logger, args.AttemptNumber + 1, args.Outcome.Result is { } r ? (int)r.StatusCode : 0,
                        args.Outcome.Exception?.GetType().Name ?? "", args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(settings.Timeout)
            .Build();
    }

    /// <summary>True when the receiver answered 2xx within the attempts; failures are logged, never thrown.</summary>
    public async Task<bool> SendAsync(FraudWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var http = delivery.Tenant ? _tenant : _operator;
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
                {
                    Content = new ReadOnlyMemoryContent(delivery.Body),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(FraudWebhookSignature.HeaderName, FraudWebhookSignature.Create(delivery.Secret, _clock.GetUtcNow(), delivery.Body.Span));
                request.Headers.Add("Switchboard-Alert-Id", delivery.AlertId.ToString());
                return await http.SendAsync(request, token);
            }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            LogRejected(_logger, delivery.AlertId, delivery.Tenant, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            // The URL is not logged: a tenant's may carry a token in its path or query.
            LogFailed(_logger, delivery.AlertId, delivery.Tenant, ex.Message);
        }

        return false;
    }

    public void Dispose()
    {
        _operator.Dispose();
        _tenant.Dispose();
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static SocketsHttpHandler Handler(bool guard)
    {
        // A bounded connection lifetime picks up DNS changes of a receiver.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        if (guard)
        {
            handler.ConnectCallback = ConnectPublicOnlyAsync;
        }

        return handler;
    }

    /// <summary>Resolves the host and connects to its first public address; refuses when it has none.</summary>
    private static async ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(WebhookAddresses.IsPublic).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"Webhook host {host} resolves to no public address; refused.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fraud webhook attempt {Attempt} follows (last: status {Status} {Error}) in {Delay}")]
    private static partial void LogRetry(ILogger logger, int attempt, int status, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fraud webhook for alert {AlertId} (tenant receiver {Tenant}) answered {Status}; not delivered")]
    private static partial void LogRejected(ILogger logger, Guid alertId, bool tenant, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fraud webhook for alert {AlertId} (tenant receiver {Tenant}) failed after every attempt: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid alertId, bool tenant, string error);
}
