namespace Switchboard.Grains.Calls;

/// <summary>
/// The live calls of one tenant, keyed by tenant id. Each silo sends the calls its grains answered and ended a
/// moment ago in one message per tenant (<see cref="Update"/>), and each silo's lease renewer refreshes all its
/// lines every few seconds; a line not refreshed for a minute is dropped, so the list heals after a silo loss
/// without a table scan. Hang up a listed call through <see cref="ICallGrain.HangUp"/>.
/// </summary>
[Alias("Switchboard.IActiveCallsGrain")]
public interface IActiveCallsGrain : IGrainWithStringKey
{
    /// <summary>
    /// One-way: one silo's calls answered and ended since its last update. A call never waits for its list line,
    /// and an ended call is never listed again, even if a line for it arrives later.
    /// </summary>
    [Alias("Update"), Orleans.Concurrency.OneWay]
    Task Update(IReadOnlyList<ActiveCall> answered, IReadOnlyList<string> ended);

    /// <summary>One silo's periodic refresh of all its lines of this tenant.</summary>
    [Alias("ReportMany"), Orleans.Concurrency.OneWay]
    Task ReportMany(IReadOnlyList<ActiveCall> calls);

    /// <summary>Live calls, oldest first.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ActiveCall>> List();

    [Alias("Count"), Orleans.Concurrency.ReadOnly]
    Task<int> Count();
}
