using System.Globalization;
using Microsoft.Extensions.Configuration;
using Switchboard.Bench.SippLoad;
using Switchboard.Silo.Hosting;

// Full signalling path under load: sipp caller → edge (digest 407, B2BUA) → call grain (routing, billing) → edge →
// sipp callee, and back. One embedded silo with its co-hosted edge, everything on 127.0.0.1, rates rising.
// Arguments: [--tenants N] [rate ...]. Each tenant has its own prepaid account; calls go to the tenants in turn.
var tenants = 16;
var tenantsAt = Array.IndexOf(args, "--tenants");
if (tenantsAt >= 0)
{
    tenants = int.Parse(args[tenantsAt + 1], CultureInfo.InvariantCulture);
    args = [.. args[..tenantsAt], .. args[(tenantsAt + 2)..]];
}

var rates = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [50, 100, 200, 400];
var stepDuration = TimeSpan.FromSeconds(10);
var scenarios = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tests/EndToEnd.Tests/Scenarios"));
const int sipPort = 25060;
const int calleePort = 25070;

var app = await SiloHost.BuildAsync([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Cluster:ClusterId"] = "sipp-load",
    ["Cluster:SiloPort"] = "21111",
    ["Cluster:GatewayPort"] = "23000",
    ["Http:Urls"] = "http://127.0.0.1:28080",
    ["Sip:ListenAddress"] = "127.0.0.1",
    ["Sip:Port"] = sipPort.ToString(CultureInfo.InvariantCulture),
    ["Sip:ClusterTimeoutMilliseconds"] = "5000",
    ["Media:Address"] = "127.0.0.1",
    ["Logging:LogLevel:Default"] = "Warning",
}));
await app.StartAsync();
await LoadTenant.SeedAsync(app.Services, tenants);
await LoadTenant.BindCalleesAsync(app.Services, tenants, calleePort);
Console.WriteLine($"{tenants} tenants, one prepaid account each; calls spread round-robin.");

Console.WriteLine("| Offered rate (calls/s) | Calls offered | Completed | Failed | Setup p50 (ms) | p95 (ms) | p99 (ms) | < 0.1 % failed |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|:---:|");
LoadResult? best = null;
foreach (var rate in rates)
{
    var result = await new LoadStep(rate, stepDuration, $"127.0.0.1:{sipPort}", calleePort, scenarios, tenants).RunAsync();
    Console.WriteLine(result.ToRow());
    Console.Error.WriteLine($"step {rate}: sipp files in {result.WorkDirectory}");
    if (result.Passed)
    {
        best = result;
    }

    // Let calls of the previous step end and grains settle before the next rate.
    await Task.Delay(TimeSpan.FromSeconds(3));
}

Console.WriteLine(best is null
    ? "No rate stayed under 0.1 % failed calls."
    : string.Create(CultureInfo.InvariantCulture, $"Highest rate with < 0.1 % failed calls: {best.Rate} calls/s (setup p50 {best.P50:F1} ms, p95 {best.P95:F1} ms, p99 {best.P99:F1} ms)."));
await app.StopAsync();
return 0;
