namespace Switchboard.Grains.Extensions;

/// <summary>
/// One extension, keyed <c>&lt;tenant&gt;/&lt;number&gt;</c> (e.g. <c>demo/1001</c>; <see cref="ExtensionKeys"/>):
/// settings, credentials (HA1 for MD5 and SHA-256 plus a salted PBKDF2 hash; the password itself is never
/// stored or returned), registrar bindings (persisted) and the authentication-failure lockout, counted per source address.
/// </summary>
[Alias("Switchboard.IExtensionGrain")]
public interface IExtensionGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the extension; a non-null <paramref name="password"/> replaces the credentials.
    /// The tenant must exist: its SIP domain is the digest realm. Lists the number in <see cref="IExtensionIndexGrain"/>.</summary>
    [Alias("Provision")]
    Task<ExtensionSnapshot> Provision(ExtensionSettings settings, string? password);

    /// <summary>
    /// Creates the extension only if the number is free: checked and written in one grain turn, so of two concurrent
    /// creates exactly one wins and the other cannot replace its password. Null when it exists; then nothing changed.
    /// </summary>
    [Alias("ProvisionNew")]
    Task<ExtensionSnapshot?> ProvisionNew(ExtensionSettings settings, string? password);

    /// <summary>Deletes the extension with its credentials and bindings, and takes it off its tenant's list.</summary>
    [Alias("Deprovision")]
    Task Deprovision();

    [Alias("GetSnapshot"), Orleans.Concurrency.ReadOnly]
    Task<ExtensionSnapshot?> GetSnapshot();

    /// <summary>
    /// Edge, before challenging: the digest algorithms to offer, in order: this extension's own when set, else its
    /// tenant's (<see cref="DigestPolicy"/>). An unknown extension answers with the tenant's, like any other.
    /// </summary>
    [Alias("GetDigestAlgorithms"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<DigestAlgorithm>> GetDigestAlgorithms();

    /// <summary>
    /// Edge, before verifying a digest from <paramref name="sourceAddress"/> (the packet's source IP): realm, HA1
    /// for the algorithm, or why not to try. A lockout applies to the source that earned it only.
    /// </summary>
    [Alias("GetAuthentication"), Orleans.Concurrency.ReadOnly]
    Task<ExtensionAuthentication> GetAuthentication(DigestAlgorithm algorithm, string sourceAddress);

    /// <summary>
    /// Edge, after a wrong digest response: counts it against (this extension, <paramref name="source"/>'s IP);
    /// enough failures in the window lock the extension for that source, so a third party guessing passwords
    /// cannot lock out the phone that has them.
    /// </summary>
    [Alias("ReportAuthFailure")]
    Task<AuthLockout> ReportAuthFailure(Edges.TransportAddress source);

    /// <summary>Checks a password against the salted PBKDF2 hash (for a portal login; not used by SIP).</summary>
    [Alias("VerifyPassword")]
    Task<bool> VerifyPassword(string password);

    /// <summary>An authenticated REGISTER: add, refresh, remove bindings or query them.</summary>
    [Alias("Register")]
    Task<RegistrationResult> Register(RegisterRequest request);

    /// <summary>The unexpired bindings (what an INVITE to this extension forks to).</summary>
    [Alias("GetBindings")]
    Task<IReadOnlyList<Binding>> GetBindings();
}
