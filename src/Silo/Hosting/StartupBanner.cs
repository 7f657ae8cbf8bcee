using System.Text;

namespace Switchboard.Silo.Hosting;

/// <summary>
/// Prints what an operator needs to start using the node: where it listens, which storage it uses, and in the
/// embedded mode the demo tenant's credentials and the fact that nothing survives a restart.
/// </summary>
public sealed class StartupBanner(SiloSettings settings, IHostApplicationLifetime lifetime, IEnumerable<IStartupBannerSection> sections) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => Console.Out.Write(Render()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal string Render()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("==================== Switchboard silo ====================");
        text.AppendLine($"  cluster      {settings.ClusterId} / service {settings.ServiceId}");
        text.AppendLine($"  silo         {settings.AdvertisedAddress}:{settings.SiloPort} (gateway {settings.GatewayPort})");
        text.AppendLine($"  http         {settings.HttpUrls}  (/health/live, /health/ready)");
        text.AppendLine(settings.UsesPostgres
            ? "  storage      PostgreSQL (clustering, grain state, reminders, domain tables)"
            : "  storage      IN MEMORY: embedded single node, NOTHING IS PERSISTED; set ConnectionStrings:Postgres for a cluster");
        foreach (var section in sections)
        {
            section.Write(text);
        }

        text.AppendLine("===========================================================");
        return text.ToString();
    }
}
