using System.Text;
using Switchboard.Silo.Hosting;

namespace Switchboard.Silo.Demo;

/// <summary>Banner lines telling a newcomer how to register two softphones and call between them.</summary>
public sealed class DemoTenantBannerSection(DemoTenant demo) : IStartupBannerSection
{
    public void Write(StringBuilder banner)
    {
        if (!demo.Seeded)
        {
            return;
        }

        banner.AppendLine($"  demo tenant  '{DemoTenant.TenantId}', SIP domain {demo.SipDomain}, prepaid account {DemoTenant.AccountId} with {DemoTenant.OpeningCredit:0.00} EUR");
        foreach (var (number, password) in demo.Passwords)
        {
            banner.AppendLine($"    extension  {number}@{demo.SipDomain}  password {password}");
        }

        banner.AppendLine("    register both phones, then dial the other extension");
    }
}
