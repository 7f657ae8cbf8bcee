namespace Switchboard.Silo.Demo;

/// <summary>
/// The demo tenant seeded into an embedded single node: two extensions that can call each other and a prepaid
/// account with a little credit. Passwords are random per start and shown only in the banner.
/// </summary>
public sealed class DemoTenant
{
    public const string TenantId = "demo";
    public const string AccountId = "acct-demo";
    public const string RatePlanId = "plan-demo";
    public const decimal OpeningCredit = 10m;

    public static readonly string[] ExtensionNumbers = ["1001", "1002"];

    public string SipDomain { get; set; } = "127.0.0.1";

    /// <summary>Extension number → password, filled once seeding succeeded.</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; set; } = new Dictionary<string, string>();

    public bool Seeded { get; set; }
}
