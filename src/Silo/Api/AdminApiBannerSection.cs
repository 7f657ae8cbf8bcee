using System.Text;
using Switchboard.Silo.Api.Keys;
using Switchboard.Silo.Hosting;

namespace Switchboard.Silo.Api;

/// <summary>Banner lines: where the admin API is and the operator key to use it with (see <see cref="BootstrapKeyService"/>).</summary>
public sealed class AdminApiBannerSection(SiloSettings settings, BootstrapKeyState bootstrap) : IStartupBannerSection
{
    public void Write(StringBuilder banner)
    {
        var baseUrl = settings.HttpUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0].TrimEnd('/');
        banner.AppendLine($"  admin api    {baseUrl}/api/v1  (OpenAPI {baseUrl}/openapi/v1.json; docs/admin-api.md)");
        banner.AppendLine($"  admin key    {bootstrap.Description}");
    }
}
