using System.Collections.Concurrent;
using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Tests.Support;

/// <summary>A fraud alert sink that remembers what it was given, so tests see what an operator would be told.</summary>
public sealed class RecordingFraudAlertSink : IFraudAlertSink
{
    public ConcurrentQueue<FraudAlert> Alerts { get; } = new();

    public Task NotifyAsync(FraudAlert alert, CancellationToken cancellationToken)
    {
        Alerts.Enqueue(alert);
        return Task.CompletedTask;
    }
}
