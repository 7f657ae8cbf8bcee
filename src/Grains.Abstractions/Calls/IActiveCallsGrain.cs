namespace Switchboard.Grains.Calls;

/// <summary>
/// The live calls of one tenant, keyed by tenant id. Call grains report their start and answer, and each silo's
/// lease renewer refreshes all its lines every few seconds; a line not refreshed for a minute is dropped, so the list heals
/// after a silo loss without a table scan. Hang up a listed call through <see cref="ICallGrain.HangUp"/>.
/// </summary>
[Alias("Switchboard.IActiveCallsGrain")]
public interface IActiveCallsGrain : IGrainWithStringKey
{
    /// <summary>One-way: a call never waits for its list line.</summary>
    [Alias("Report"), Orleans.Concurrency.OneWay]
    Task Report(ActiveCall call);

    /// <summary>One silo's periodic refresh of all its lines of this tenant.</summary>
    [Alias("ReportMany"), Orleans.Concurrency.OneWay]
    Task ReportMany(IReadOnlyList<ActiveCall> calls);

    [Alias("Remove"), Orleans.Concurrency.OneWay]
    Task Remove(string callId);

    /// <summary>Live calls, oldest first.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ActiveCall>> List();

    [Alias("Count"), Orleans.Concurrency.ReadOnly]
    Task<int> Count();
}
