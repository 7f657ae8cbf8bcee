using Microsoft.Extensions.Logging;
using Switchboard.Grains.Hosting;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Every <see cref="Period"/>, sends what the <see cref="ActiveCallsOutbox"/> gathered: one one-way
/// <see cref="IActiveCallsGrain.Update"/> per tenant that had calls answered or ended. The list lags the calls by at
/// most the period; a silo lost with updates in its outbox leaves lines that expire like the rest of its calls.
/// </summary>
public sealed partial class ActiveCallsFlusher(ActiveCallsOutbox outbox, IGrainFactory grains, TimeProvider time, ILogger<ActiveCallsFlusher> logger)
    : PeriodicFlusher(Period, time)
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>What is in the outbox at the silo's stop still goes out; calls that end after it leave the lists when their lines expire.</summary>
    protected override bool FlushesOnStop => true;

    public override async Task FlushAsync()
    {
        foreach (var (tenantId, changes) in outbox.Drain())
        {
            try
            {
                await grains.Grain<IActiveCallsGrain>(tenantId).Update(changes.Answered, changes.Ended);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A list, not money: a lost update shows a call late (the renewer refreshes it) or a little too long.
                LogFlushFailed(logger, tenantId, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Active-calls update for tenant {TenantId} not delivered")]
    private static partial void LogFlushFailed(ILogger logger, string tenantId, Exception exception);
}
