namespace Switchboard.Grains;

/// <summary>
/// The expected ways a grain command fails; the admin API maps each to one status (400, 404, 409). Anything else
/// a grain throws is a bug and surfaces as a 500.
/// </summary>
[GenerateSerializer, Alias("Switchboard.GrainErrorCode")]
public enum GrainErrorCode
{
    /// <summary>The input breaks a rule only the grain can check.</summary>
    Invalid = 0,

    /// <summary>The grain has no such resource (a tenant never configured).</summary>
    NotFound = 1,

    /// <summary>It conflicts with what exists: a duplicate, or a SIP domain, DID or source owned by another tenant.</summary>
    Conflict = 2,
}
