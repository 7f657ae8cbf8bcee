using Microsoft.Extensions.DependencyInjection;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Storage;
using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>Finds the CDR of a call the test placed, once settlement has written it.</summary>
public static class SettledCdrs
{
    /// <summary>The one CDR of the test tenant from <paramref name="caller"/> to <paramref name="callee"/> since <paramref name="since"/>, within 5 s.</summary>
    public static async Task<CallDetailRecord> WaitAsync(RunningSilo silo, string caller, string callee, DateTimeOffset since)
    {
        var store = silo.Services.GetRequiredService<ICdrStore>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var found = (await store.SearchAsync(new CdrQuery(Provisioning.TenantId, From: since)))
                .Where(c => c.Caller.Contains(caller, StringComparison.Ordinal) && c.Callee.Contains(callee, StringComparison.Ordinal))
                .ToList();
            if (found.Count > 0)
            {
                return Assert.Single(found);
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No CDR for the {caller} → {callee} call was settled within 5 s.");
    }
}
