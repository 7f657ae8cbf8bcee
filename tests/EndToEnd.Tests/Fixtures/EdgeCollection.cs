namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>The sipp tests share one running host; xunit runs them one after another (xunit.runner.json).</summary>
[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EdgeCluster>
{
    public const string Name = "edge";
}
