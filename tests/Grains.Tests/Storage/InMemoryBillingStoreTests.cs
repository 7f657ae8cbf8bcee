using Switchboard.Grains.Tests.Support;

namespace Switchboard.Grains.Tests.Storage;

public sealed class InMemoryBillingStoreTests : BillingStoreContract
{
    protected override Task<BillingStores> CreateAsync() => Task.FromResult(BillingStores.InMemory());
}
