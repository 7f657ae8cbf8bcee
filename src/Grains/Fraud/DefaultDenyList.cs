namespace Switchboard.Grains.Fraud;

/// <summary>
/// Premium-rate and high-risk ranges refused unless an operator turns the list off for an account. These are the
/// classic targets of international revenue share fraud (IRSF): shared-cost/premium services, satellite and
/// "international networks" codes, and small-island and remote-territory codes whose termination rates are high
/// enough to be pumped. Operators extend it per account with <c>FraudLimits.BlockedPrefixes</c>.
/// </summary>
public static class DefaultDenyList
{
    public static IReadOnlyList<string> Prefixes { get; } =
    [
        "1900", "1976",                 // NANP premium-rate (900) and an IRSF-heavy NANP range
        "1876", "1809", "1284", "1473", // Caribbean NANP codes often excluded from flat rates (Jamaica, Dominican Rep., BVI, Grenada)
        "44871", "44872", "44873", "449", // UK premium and revenue-share ranges (087x, 09)
        "49900", "49137",               // Germany premium (0900) and mass-call (0137)
        "33899", "3389",                // France premium (089x)
        "3989", "39899",                // Italy premium (89x)
        "34905", "34803", "34806", "34807", // Spain premium
        "43900", "43930", "41900", "41906", // Austria and Switzerland premium
        "870", "871", "872", "873", "874", // Inmarsat
        "881", "882", "883",            // global satellite (Iridium, Thuraya) and international networks
        "247", "290", "239",            // Ascension, St Helena, São Tomé
        "252", "235", "236",            // Somalia, Chad, Central African Republic
        "675", "677", "678", "679", "686", "688", "690", "691", "692", // Pacific islands
        "960", "963", "850",            // Maldives, Syria, North Korea
    ];
}
