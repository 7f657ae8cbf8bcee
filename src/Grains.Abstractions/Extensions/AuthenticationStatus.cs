namespace Switchboard.Grains.Extensions;

/// <summary>Whether the edge may verify a digest for this extension, and if not, what to answer.</summary>
[GenerateSerializer, Alias("Switchboard.AuthenticationStatus")]
public enum AuthenticationStatus
{
    /// <summary>Verify the digest response against <see cref="ExtensionAuthentication.Ha1"/>.</summary>
    Ready = 0,

    /// <summary>No such extension or no credentials: answer as for a wrong password (403), so scanners learn nothing.</summary>
    Unknown = 1,

    /// <summary>Extension or tenant disabled: 403.</summary>
    Disabled = 2,

    /// <summary>Too many recent failures: 403 until <see cref="ExtensionAuthentication.LockedUntil"/>.</summary>
    LockedOut = 3,
}
