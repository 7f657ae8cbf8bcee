using Microsoft.Extensions.Logging;
using Switchboard.Grains.Observability;

namespace Switchboard.Grains.Calls;

/// <summary>
/// Every turn of a call grain runs in a <c>CallId</c> logging scope, so what the grain and the stores it uses log
/// during the turn is correlated with the call. The grain is its own call filter rather than a silo-wide one: Orleans
/// sends every call of every grain through its filter pipeline (an invoker and an async frame per call) once one
/// silo-wide filter exists, and about half of a call's grain calls go to other grains.
/// </summary>
public sealed partial class CallGrain : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using (logger.BeginScope(CallLogScope.Grain(CallId)))
        {
            await context.Invoke();
        }
    }
}
