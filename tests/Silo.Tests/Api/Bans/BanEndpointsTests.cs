using System.Net;
using Switchboard.Grains.Security;

namespace Switchboard.Silo.Tests.Api.Bans;

public sealed class BanEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    /// <summary>Reports failures from <paramref name="address"/> until its shard bans it, as edges would.</summary>
    private async Task BanAsync(string address)
    {
        var shard = host.Silo.GrainFactory.GetGrain<ISourceBanGrain>(SourceBanShards.For(address));
        SourceBanVerdict verdict;
        var reports = 0;
        do
        {
            verdict = await shard.ReportFailure(address, "BadResponse");
        }
        while (verdict.Ban is null && ++reports < 100);

        Assert.NotNull(verdict.Ban);
    }

    [Fact]
    public async Task List_ShowsBannedSource_LiftRemovesIt()
    {
        await BanAsync("192.0.2.44");

        var listed = await host.Operator.GetStringAsync("/api/v1/bans");
        Assert.Contains("\"192.0.2.44\"", listed);
        Assert.Contains("BadResponse", listed);

        var lifted = await host.Operator.DeleteAsync("/api/v1/bans/192.0.2.44");
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        Assert.DoesNotContain("\"192.0.2.44\"", await host.Operator.GetStringAsync("/api/v1/bans"));
        await ProblemAssert.Status(await host.Operator.DeleteAsync("/api/v1/bans/192.0.2.44"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lift_NotAnAddress_Returns400NamingIt()
    {
        await ProblemAssert.Invalid(await host.Operator.DeleteAsync("/api/v1/bans/not-an-ip"), "address");
    }

    [Fact]
    public async Task TenantAdmin_CannotListOrLiftBans()
    {
        await BanAsync("192.0.2.45");
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "bans-tenant");

        await ProblemAssert.Status(await admin.GetAsync("/api/v1/bans"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.DeleteAsync("/api/v1/bans/192.0.2.45"), HttpStatusCode.Forbidden);
        Assert.Contains("\"192.0.2.45\"", await host.Operator.GetStringAsync("/api/v1/bans"));
    }
}
