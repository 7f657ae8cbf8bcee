namespace Switchboard.Grains.Tests.Calls.Support;

[CollectionDefinition(CallControlClusterFixture.Collection)]
public sealed class CallControlCollection : ICollectionFixture<CallControlClusterFixture>
{
}
