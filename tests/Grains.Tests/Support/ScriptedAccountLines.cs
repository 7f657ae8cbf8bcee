using System.Collections.Concurrent;
using Switchboard.Grains.Retention;

namespace Switchboard.Grains.Tests.Support;

/// <summary>
/// The grains' side of the purge for tests that run it on PostgreSQL alone: the lines each account pays for, removed
/// when asked (and then not found again, as a deprovisioned extension is not), with one scripted removal failure.
/// The real removal through the extension grains is proven against a silo by AccountCancellationTests.
/// </summary>
public sealed class ScriptedAccountLines : IAccountLines
{
    private readonly ConcurrentDictionary<(string Tenant, string Account), List<string>> _lines = new();

    public ConcurrentQueue<string> Removed { get; } = new();

    /// <summary>Makes the next <see cref="RemoveAsync"/> fail before removing anything, as a silo lost mid-call would.</summary>
    public bool FailNextRemoval { get; set; }

    public void Add(string tenantId, string accountId, params string[] numbers) => _lines[(tenantId, accountId)] = [.. numbers];

    public Task<IReadOnlyList<string>> NumbersAsync(string tenantId, string accountId) =>
        Task.FromResult<IReadOnlyList<string>>(_lines.TryGetValue((tenantId, accountId), out var numbers) ? [.. numbers] : []);

    public Task RemoveAsync(string tenantId, IReadOnlyList<string> numbers)
    {
        if (FailNextRemoval)
        {
            FailNextRemoval = false;
            throw new TimeoutException("scripted: the extension grain did not answer");
        }

        foreach (var (key, list) in _lines.Where(l => l.Key.Tenant == tenantId))
        {
            list.RemoveAll(numbers.Contains);
        }

        foreach (var number in numbers)
        {
            Removed.Enqueue($"{tenantId}/{number}");
        }

        return Task.CompletedTask;
    }
}
