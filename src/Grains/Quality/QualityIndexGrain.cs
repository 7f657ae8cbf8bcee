namespace Switchboard.Grains.Quality;

/// <summary>See <see cref="IQualityIndexGrain"/>.</summary>
public sealed class QualityIndexGrain : Grain, IQualityIndexGrain
{
    private readonly SortedSet<string> _scopes = new(StringComparer.Ordinal);

    public Task Add(IReadOnlyList<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        _scopes.UnionWith(scopes);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> List(string kind)
    {
        var prefix = kind + "/";
        IReadOnlyList<string> matching = [.. _scopes.Where(s => s.StartsWith(prefix, StringComparison.Ordinal))];
        return Task.FromResult(matching);
    }
}
