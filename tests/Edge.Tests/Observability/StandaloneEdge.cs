using Switchboard.TestKit.Hosting;

namespace Switchboard.Edge.Tests.Observability;

/// <summary>A standalone edge process joined to <paramref name="silo"/>'s PostgreSQL cluster, on free loopback ports.</summary>
internal static class StandaloneEdge
{
    public static NodeProcess Start(RunningSilo silo, int mediaPortMin) => NodeProcess.Start("Switchboard.Edge", new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = silo.PostgresConnectionString,
        ["Cluster:ClusterId"] = silo.Configuration["Cluster:ClusterId"],
        ["Http:Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
        ["Sip:ListenAddress"] = "127.0.0.1",
        ["Sip:Port"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sip:NonceSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["Sip:DrainSeconds"] = "0",
        ["Media:Address"] = "127.0.0.1",
        ["Media:PortMin"] = mediaPortMin.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Media:PortMax"] = (mediaPortMin + 999).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
