using Orleans.Configuration;
using Switchboard.Edge.Hosting;

// Standalone edge: an Orleans client that finds the silos through the ADO.NET membership table.
var builder = WebApplication.CreateBuilder(args);
var postgres = builder.Configuration.GetConnectionString("Postgres");
if (string.IsNullOrWhiteSpace(postgres))
{
    Console.Error.WriteLine("Configuration error: ConnectionStrings:Postgres is required for a standalone edge (it finds the cluster through PostgreSQL)");
    return 2;
}

builder.WebHost.UseUrls(builder.Configuration["Http:Urls"] ?? "http://127.0.0.1:8081");
builder.UseOrleansClient(client =>
{
    client.Configure<ClusterOptions>(o =>
    {
        o.ClusterId = builder.Configuration["Cluster:ClusterId"] ?? "switchboard";
        o.ServiceId = builder.Configuration["Cluster:ServiceId"] ?? "switchboard";
    });
    client.UseAdoNetClustering(o =>
    {
        o.Invariant = "Npgsql";
        o.ConnectionString = postgres;
    });
    client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
    client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
});
builder.Services.AddSwitchboardEdge(builder.Configuration);

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok("live"));
await app.RunAsync();
return 0;
