using System.Net;
using System.Net.Http.Json;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Tests.Api.Tenants;

public sealed class DidEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Put_Operator_AssignsNumberAndTheDirectoryResolvesIt()
    {
        await ApiSeed.TenantAsync(host.Operator, "didco");

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/didco/dids/4930123456", new { extension = "1001" }));

        Assert.Contains("4930123456", await host.Operator.GetStringAsync("/api/v1/tenants/didco/dids"));
        var owner = await host.Silo.GrainFactory.GetGrain<ITenantGrain>("didco").GetSnapshot();
        Assert.Contains(owner!.Dids, d => d.Number == "4930123456" && d.Extension == "1001");
    }

    [Fact]
    public async Task Put_NumberOfAnotherTenant_Returns409()
    {
        await ApiSeed.TenantAsync(host.Operator, "first");
        await ApiSeed.TenantAsync(host.Operator, "second");
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/first/dids/4940111", new { extension = "1" }));

        await ProblemAssert.Status(await host.Operator.PutAsJsonAsync("/api/v1/tenants/second/dids/4940111", new { extension = "2" }), HttpStatusCode.Conflict);
        Assert.Equal("[]", await host.Operator.GetStringAsync("/api/v1/tenants/second/dids"));
    }

    [Fact]
    public async Task Put_BadInput_Returns400()
    {
        await ApiSeed.TenantAsync(host.Operator, "didbad");

        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/didbad/dids/12ab", new { extension = "" }), "number", "extension");
        Assert.Equal("[]", await host.Operator.GetStringAsync("/api/v1/tenants/didbad/dids"));
    }

    [Fact]
    public async Task Delete_ReleasesNumber()
    {
        await ApiSeed.TenantAsync(host.Operator, "didrel");
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/didrel/dids/4950999", new { extension = "1" }));

        Assert.Equal(HttpStatusCode.NoContent, (await host.Operator.DeleteAsync("/api/v1/tenants/didrel/dids/4950999")).StatusCode);
        await ProblemAssert.Status(await host.Operator.DeleteAsync("/api/v1/tenants/didrel/dids/4950999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TenantAdmin_CannotClaimNumbersOrSeeAnotherTenantsNumbers()
    {
        await ApiSeed.TenantAsync(host.Operator, "did-a");
        await ApiSeed.TenantAsync(host.Operator, "did-b");
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "did-a");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/tenants/did-a/dids")).StatusCode);
        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/did-a/dids/4960000", new { extension = "1" }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/did-b/dids"), HttpStatusCode.Forbidden);
        Assert.Equal("[]", await host.Operator.GetStringAsync("/api/v1/tenants/did-a/dids"));
    }
}
