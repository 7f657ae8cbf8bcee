using System.Xml.Linq;
using Switchboard.TestKit.Files;

namespace Switchboard.Silo.Tests.Layering;

/// <summary>
/// The project references that keep the layers apart (docs/architecture.md): the SIP library, telemetry and the
/// process test kit depend on nothing of ours, the edge sees grain contracts only, and tests and benchmarks reach
/// down, never up. Read from the csproj files, so a reference against the direction fails here, not in review.
/// </summary>
public sealed class ProjectReferenceTests
{
    [Theory]
    [InlineData("src/Sip/Sip.csproj")]
    [InlineData("src/Telemetry/Telemetry.csproj")]
    [InlineData("tests/TestKit/TestKit.csproj")]
    public void Project_ReferencesNothingOfOurs(string project) => Assert.Empty(References(project));

    [Theory]
    [InlineData("src/Edge/Edge.csproj")]
    [InlineData("src/Grains/Grains.csproj")]
    [InlineData("src/Grains.Abstractions/Grains.Abstractions.csproj")]
    public void Project_DoesNotReferenceTheGrainsOrTheHost(string project)
    {
        var references = References(project);
        Assert.DoesNotContain("src/Grains/Grains.csproj", references);
        Assert.DoesNotContain("src/Silo/Silo.csproj", references);
    }

    [Fact]
    public void SipTests_UseTheSipLibraryAndTheProcessKitOnly() =>
        Assert.All(References("tests/Sip.Tests/Sip.Tests.csproj"),
            reference => Assert.Contains(reference, new[] { "src/Sip/Sip.csproj", "tests/TestKit/TestKit.csproj" }));

    [Fact]
    public void Benchmarks_ReferenceNoTestProject()
    {
        var root = RepositoryRoot();
        var benchmarks = Directory.EnumerateFiles(Path.Combine(root, "bench"), "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .ToList();

        Assert.NotEmpty(benchmarks);
        Assert.All(benchmarks, project => Assert.DoesNotContain(References(project), reference => reference.StartsWith("tests/", StringComparison.Ordinal)));
    }

    /// <summary>The ProjectReference items of <paramref name="project"/>, as paths from the repository root.</summary>
    private static List<string> References(string project)
    {
        var path = RepositoryFile.Find(project);
        var root = RepositoryRoot();
        return [.. XDocument.Load(path).Descendants("ProjectReference")
            .Select(reference => (string?)reference.Attribute("Include") ?? throw new InvalidDataException($"{project}: ProjectReference without Include"))
            .Select(include => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include.Replace('\\', '/'))))
            .Select(full => Path.GetRelativePath(root, full).Replace('\\', '/'))];
    }

    private static string RepositoryRoot() => Path.GetDirectoryName(RepositoryFile.Find("Cluster.sln"))!;
}
