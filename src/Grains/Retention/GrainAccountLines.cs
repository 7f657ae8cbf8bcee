using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;

namespace Switchboard.Grains.Retention;

/// <summary><see cref="IAccountLines"/> on the extension grains: the lines <see cref="SubscriberLines"/> names, deprovisioned.</summary>
public sealed class GrainAccountLines(IGrainFactory grains) : IAccountLines
{
    public async Task<IReadOnlyList<string>> NumbersAsync(string tenantId, string accountId) =>
        [.. (await SubscriberLines.PaidByAsync(grains, tenantId, accountId)).Select(l => l.Number)];

    public async Task RemoveAsync(string tenantId, IReadOnlyList<string> numbers)
    {
        foreach (var number in numbers)
        {
            await grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number)).Deprovision();
        }
    }
}
