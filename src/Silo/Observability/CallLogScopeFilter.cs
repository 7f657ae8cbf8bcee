using Switchboard.Grains.Calls;
using Switchboard.Telemetry;

namespace Switchboard.Silo.Observability;

/// <summary>
/// Opens a <c>CallId</c> logging scope around every turn of a call grain, so what the grain and the stores it
/// uses log during that turn is correlated with the call. Other grains and the runtime's own calls pass through.
/// </summary>
internal sealed class CallLogScopeFilter(ILogger<CallLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext?.GrainInstance is not ICallGrain)
        {
            await context.Invoke();
            return;
        }

        using (logger.BeginScope(CallLogScope.Grain(context.TargetId.Key.ToString()!)))
        {
            await context.Invoke();
        }
    }
}
