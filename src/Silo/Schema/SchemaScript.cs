using System.Globalization;

namespace Switchboard.Silo.Schema;

/// <summary>One numbered SQL file from <c>deploy/sql</c>.</summary>
public sealed record SchemaScript(int Version, string FileName, string Sql)
{
    /// <summary>Finds <c>NNNN-name.sql</c> files in version order; a duplicate number is a packaging error.</summary>
    public static IReadOnlyList<SchemaScript> Discover(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Schema scripts folder '{directory}' does not exist");
        }

        var scripts = new SortedDictionary<int, SchemaScript>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.sql"))
        {
            var name = Path.GetFileName(path);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                continue;
            }

            if (!scripts.TryAdd(version, new SchemaScript(version, name, File.ReadAllText(path))))
            {
                throw new InvalidOperationException($"Two schema files share version {version}: {scripts[version].FileName} and {name}");
            }
        }

        return [.. scripts.Values];
    }

    /// <summary>Where the scripts are copied next to the silo binaries.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "sql");
}
