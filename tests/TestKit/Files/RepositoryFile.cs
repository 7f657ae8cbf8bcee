namespace Switchboard.TestKit.Files;

/// <summary>Finds a file of the checkout (deploy/, docs/) from a test's output directory.</summary>
public static class RepositoryFile
{
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
