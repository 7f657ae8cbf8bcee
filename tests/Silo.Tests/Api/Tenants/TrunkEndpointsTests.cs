using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Grains.Tenants;

namespace Switchboard.Silo.Tests.Api.Tenants;

public sealed class TrunkEndpointsTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact]
    public async Task Put_Operator_AddsTrunkAndNeverReturnsThePassword()
    {
        await ApiSeed.TenantAsync(host.Operator, "carrierco");

        var response = await host.Operator.PutAsJsonAsync("/api/v1/tenants/carrierco/trunks/main", new
        {
            host = "sip.carrier.example", port = 5060, transport = "udp", username = "acme", password = "s3cret-trunk-pw",
            rewrites = new[] { new { prefix = "00", replacement = "" } }, priority = 1, inboundSources = new[] { "192.0.2.0/24" },
        });

        await ApiSeed.Ok(response);
        var listed = await host.Operator.GetStringAsync("/api/v1/tenants/carrierco/trunks");
        Assert.Contains("sip.carrier.example", listed);
        Assert.DoesNotContain("s3cret-trunk-pw", listed + await response.Content.ReadAsStringAsync());
        var credentials = await host.Silo.GrainFactory.GetGrain<ITenantGrain>("carrierco").GetTrunkCredentials("main");
        Assert.Equal("s3cret-trunk-pw", credentials?.Password);

        // At rest: the tenant's stored state holds the password sealed, never its bytes (UTF-8 or UTF-16), and the
        // key ring that seals it is in the database, shared by every silo.
        await using var db = new Npgsql.NpgsqlConnection(host.Silo.PostgresConnectionString);
        await db.OpenAsync();
        await using var read = new Npgsql.NpgsqlCommand(
            "SELECT payloadbinary FROM orleansstorage WHERE grainidextensionstring LIKE '%carrierco%' OR graintypestring LIKE '%enant%'", db);
        var payloads = new List<byte[]>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                payloads.Add((byte[])reader[0]);
            }
        }

        Assert.NotEmpty(payloads);
        foreach (var payload in payloads)
        {
            Assert.Equal(-1, payload.AsSpan().IndexOf("s3cret-trunk-pw"u8));
            Assert.Equal(-1, payload.AsSpan().IndexOf(System.Text.Encoding.Unicode.GetBytes("s3cret-trunk-pw")));
        }

        await using var keys = new Npgsql.NpgsqlCommand("SELECT count(*) FROM data_protection_keys", db);
        Assert.True((long)(await keys.ExecuteScalarAsync())! >= 1);
    }

    [Fact]
    public async Task Put_NameWithoutPort_StoresPortZeroSoTheEdgeUsesSrv()
    {
        await ApiSeed.TenantAsync(host.Operator, "srvtrunk");

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/srvtrunk/trunks/t1", new { host = "sip.carrier.example", transport = "tcp" }));

        // RFC 3263 §4.2: no port configured, so the edge asks DNS for _sip._tcp.sip.carrier.example.
        var snapshot = await host.Silo.GrainFactory.GetGrain<ITenantGrain>("srvtrunk").GetSnapshot();
        Assert.Equal(0, Assert.Single(snapshot!.Trunks).Port);
    }

    [Fact]
    public async Task Put_DigestAlgorithms_ListedAndGivenToTheEdgeWithTheCredentials()
    {
        await ApiSeed.TenantAsync(host.Operator, "digesttrunk");

        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/digesttrunk/trunks/t1",
            new { host = "192.0.2.20", username = "acme", password = "s3cret-trunk-pw", digestAlgorithms = new[] { "sha256", "md5" } }));
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/digesttrunk/trunks/t2", new { host = "192.0.2.21" }));

        var listed = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/digesttrunk/trunks")).RootElement;
        Assert.Equal("[\"sha256\",\"md5\"]", listed[0].GetProperty("digestAlgorithms").GetRawText());
        Assert.Equal("[\"md5\"]", listed[1].GetProperty("digestAlgorithms").GetRawText());
        var credentials = await host.Silo.GrainFactory.GetGrain<ITenantGrain>("digesttrunk").GetTrunkCredentials("t1");
        Assert.Equal([Switchboard.Grains.Extensions.DigestAlgorithm.Sha256, Switchboard.Grains.Extensions.DigestAlgorithm.Md5], credentials!.DigestAlgorithms);
        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/digesttrunk/trunks/t1",
            new { host = "192.0.2.20", digestAlgorithms = new[] { "sha-512-256" } }), "digestAlgorithms");
    }

    [Fact]
    public async Task Put_BadInput_Returns400PerFieldAndChangesNothing()
    {
        await ApiSeed.TenantAsync(host.Operator, "badtrunk");

        await ProblemAssert.Invalid(await host.Operator.PutAsJsonAsync("/api/v1/tenants/badtrunk/trunks/t1", new
        {
            host = "", port = 70000, transport = "sctp", password = "x-without-user", inboundSources = new[] { "999.1.1.1" },
        }), "host", "port", "transport", "username", "inboundSources");

        Assert.Equal("[]", await host.Operator.GetStringAsync("/api/v1/tenants/badtrunk/trunks"));
    }

    [Fact]
    public async Task Delete_RemovesTrunkAndUnknownIs404()
    {
        await ApiSeed.TenantAsync(host.Operator, "gone");
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/gone/trunks/t1", new { host = "192.0.2.9" }));

        Assert.Equal(HttpStatusCode.NoContent, (await host.Operator.DeleteAsync("/api/v1/tenants/gone/trunks/t1")).StatusCode);
        await ProblemAssert.Status(await host.Operator.DeleteAsync("/api/v1/tenants/gone/trunks/t1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TenantAdmin_ListsOwnTrunksButCannotChangeAnyOrSeeOthers()
    {
        await ApiSeed.TenantAsync(host.Operator, "ta-own");
        await ApiSeed.TenantAsync(host.Operator, "ta-other");
        await ApiSeed.Ok(await host.Operator.PutAsJsonAsync("/api/v1/tenants/ta-other/trunks/t1", new { host = "192.0.2.10" }));
        using var admin = await host.ClientWithNewKeyAsync("tenant-admin", "ta-own");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/tenants/ta-own/trunks")).StatusCode);
        await ProblemAssert.Status(await admin.GetAsync("/api/v1/tenants/ta-other/trunks"), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.PutAsJsonAsync("/api/v1/tenants/ta-own/trunks/t1", new { host = "192.0.2.11" }), HttpStatusCode.Forbidden);
        await ProblemAssert.Status(await admin.DeleteAsync("/api/v1/tenants/ta-other/trunks/t1"), HttpStatusCode.Forbidden);

        var other = JsonDocument.Parse(await host.Operator.GetStringAsync("/api/v1/tenants/ta-other/trunks")).RootElement;
        Assert.Equal(1, other.GetArrayLength());
    }
}
