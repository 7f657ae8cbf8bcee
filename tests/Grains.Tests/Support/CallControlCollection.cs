namespace Switchboard.Grains.Tests.Support;

[CollectionDefinition(CallControlClusterFixture.Collection)]
public sealed class CallControlCollection : ICollectionFixture<CallControlClusterFixture>
{
}
