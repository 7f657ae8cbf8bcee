namespace Switchboard.Grains.Quality;

/// <summary>
/// The scopes that have quality statistics (key 0), so the API can list them. Told one-way by a silo's recorder the
/// first time that silo sees a scope; memory only, like the statistics themselves.
/// </summary>
[Alias("Switchboard.IQualityIndexGrain")]
public interface IQualityIndexGrain : IGrainWithIntegerKey
{
    [Alias("Add"), Orleans.Concurrency.OneWay]
    Task Add(IReadOnlyList<string> scopes);

    [Alias("List"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>> List(string kind);
}
