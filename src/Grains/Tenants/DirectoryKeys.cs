namespace Switchboard.Grains.Tenants;

/// <summary>Keys of the directory index grains; prefixed so a numeric DID never becomes an integer key.</summary>
public static class DirectoryKeys
{
    public const string TrunkSources = "trunk-sources";

    /// <summary>SIP host names compare case-insensitively (RFC 3261 §19.1.4).</summary>
    public static string Domain(string sipDomain) => "domain:" + sipDomain.Trim().ToLowerInvariant();

    public static string Did(string number) => "did:" + number;
}
