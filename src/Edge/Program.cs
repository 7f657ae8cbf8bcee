using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Telemetry;
using Switchboard.Telemetry;

// Standalone edge: an Orleans client that finds the silos through the ADO.NET membership table.
var builder = WebApplication.CreateBuilder(args);
// The Orleans client logs every placement and attempt, and ASP.NET Core every health probe, at
// Information; an edge operator wants SIP events.
builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
var postgres = builder.Configuration.GetConnectionString("Postgres");
if (string.IsNullOrWhiteSpace(postgres))
{
    Console.Error.WriteLine("Configuration error: ConnectionStrings:Postgres is required for a standalone edge (it finds the cluster through PostgreSQL)");
    return 2;
}

builder.WebHost.UseUrls(builder.Configuration["Http:Urls"] ?? "http://127.0.0.1:8081");
builder.Services.AddSwitchboardEdge(builder.Configuration);
builder.Services.AddSwitchboardTelemetry("switchboard-edge");
builder.Services.Configure<HostOptions>(o =>
    o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Sip:DrainSeconds", 30) + 15));

WebApplication app;
try
{
    // Inside the try: the client's Cluster:Tls settings are read (and refused) as it is configured.
    builder.UseOrleansClient(client => EdgeClientConfigurator.Configure(client, builder.Configuration, postgres));
    app = builder.Build();

    // Before the host starts: a failure inside its start is logged with a stack trace first.
    ConfigurationFailure.ValidateOptions(app.Services);
}
catch (Exception ex) when (ConfigurationFailure.Describe(ex) is { } line)
{
    Console.Error.WriteLine(line);
    return 2;
}

// Which collector runs is set by Edge.csproj and can be overridden from the environment (DOTNET_gcServer,
// DOTNET_GCGen0MaxBudget); without this line an override would leave no trace.
EdgeLog.Runtime(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard.Edge.Hosting"), GarbageCollectorDescription.Current());
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapSwitchboardMetrics();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(EdgeServiceCollectionExtensions.ReadyTag) });
try
{
    await app.RunAsync();
}
catch (Exception ex) when (ConfigurationFailure.Describe(ex) is { } line)
{
    Console.Error.WriteLine(line);
    return 2;
}

return 0;
