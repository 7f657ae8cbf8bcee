using System.Text;

namespace Switchboard.Silo.Hosting;

/// <summary>Banner line for the edge co-hosted in the silo: where phones send SIP.</summary>
public sealed class EdgeBannerSection(IConfiguration configuration) : IStartupBannerSection
{
    public void Write(StringBuilder banner)
    {
        var address = configuration["Sip:ListenAddress"] ?? "127.0.0.1";
        var port = configuration["Sip:Port"] ?? "5060";
        banner.AppendLine($"  sip edge     {address}:{port} (UDP and TCP), co-hosted in this silo");
    }
}
