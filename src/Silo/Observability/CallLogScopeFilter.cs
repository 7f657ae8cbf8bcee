using Switchboard.Grains.Calls;
using Switchboard.Telemetry;

namespace Switchboard.Silo.Observability;

/// <summary>
/// Opens a <c>CallId</c> logging scope around every turn of a call grain, so what the grain and the stores it
/// uses log during that turn is correlated with the call. Other grains and the runtime's own calls pass through.
/// </summary>
internal sealed class CallLogScopeFilter(ILogger<CallLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    // Other grains' calls pass without an async frame of their own: this filter sees every grain call.
    public Task Invoke(IIncomingGrainCallContext context) =>
        context.TargetContext?.GrainInstance is CallGrain call ? InvokeInScopeAsync(context, call.CallId) : context.Invoke();

    private async Task InvokeInScopeAsync(IIncomingGrainCallContext context, string callId)
    {
        using (logger.BeginScope(CallLogScope.Grain(callId)))
        {
            await context.Invoke();
        }
    }
}
