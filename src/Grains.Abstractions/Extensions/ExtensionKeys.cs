namespace Switchboard.Grains.Extensions;

/// <summary>Key shape of <see cref="IExtensionGrain"/>: <c>&lt;tenant&gt;/&lt;number&gt;</c>; the tenant id starts with a letter.</summary>
public static class ExtensionKeys
{
    public static string For(string tenantId, string number)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(number);
        return tenantId + "/" + number;
    }

    /// <summary>Splits a key into tenant id and extension number.</summary>
    public static (string TenantId, string Number) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"Extension key '{key}' is not '<tenant>/<number>'.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
