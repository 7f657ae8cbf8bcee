namespace Switchboard.Grains.Extensions;

/// <summary>
/// Persisted state of an extension (state name <c>extension</c>). Credentials are HA1 values and a PBKDF2 hash;
/// the password itself is never stored.
/// </summary>
[GenerateSerializer]
public sealed class ExtensionState
{
    [Id(0)]
    public ExtensionSettings? Settings { get; set; }

    [Id(1)]
    public string Realm { get; set; } = string.Empty;

    [Id(2)]
    public string? Ha1Md5 { get; set; }

    [Id(3)]
    public string? Ha1Sha256 { get; set; }

    [Id(4)]
    public PasswordHash? Password { get; set; }

    [Id(5)]
    public List<Binding> Bindings { get; set; } = [];
}
