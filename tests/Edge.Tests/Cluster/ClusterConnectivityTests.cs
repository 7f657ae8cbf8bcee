using Switchboard.Edge.Cluster;

namespace Switchboard.Edge.Tests.Cluster;

public sealed class ClusterConnectivityTests
{
    private readonly ClusterConnectivity _connectivity = new();

    [Fact]
    public void RequestProbe_LastGatewayLost_StaysReachableUntilAProbeSaysOtherwise()
    {
        _connectivity.Report(reachable: true);

        _connectivity.RequestProbe();

        Assert.True(_connectivity.IsReachable);
        Assert.True(_connectivity.ProbeRequested.IsCompleted);
    }

    [Fact]
    public void ProbeStarted_AfterARequest_NextRequestWaitsForTheNextProbe()
    {
        _connectivity.RequestProbe();

        _connectivity.ProbeStarted();

        Assert.False(_connectivity.ProbeRequested.IsCompleted);
        _connectivity.RequestProbe();
        Assert.True(_connectivity.ProbeRequested.IsCompleted);
    }

    [Fact]
    public void ProbeStarted_NoRequest_KeepsWaitingOnTheSameRequest()
    {
        var pending = _connectivity.ProbeRequested;

        _connectivity.ProbeStarted();

        Assert.Same(pending, _connectivity.ProbeRequested);
    }
}
