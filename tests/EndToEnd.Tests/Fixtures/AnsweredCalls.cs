using System.Diagnostics;
using Switchboard.Grains.Calls;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>Finds a call the test set up once the cluster reports it answered.</summary>
public static class AnsweredCalls
{
    /// <summary>The id of a call of the test tenant answered at or after <paramref name="notBefore"/>, within 10 s.</summary>
    public static async Task<string> WaitAsync(IGrainFactory grains, DateTimeOffset notBefore)
    {
        var active = grains.GetGrain<IActiveCallsGrain>(Provisioning.TenantId);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var answered = (await active.List()).FirstOrDefault(c => c.State == CallState.Answered && c.AnsweredAt >= notBefore);
            if (answered is not null)
            {
                return answered.CallId;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No answered call appeared in the tenant's active calls within 10 s");
    }
}
