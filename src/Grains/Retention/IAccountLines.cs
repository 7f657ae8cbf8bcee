namespace Switchboard.Grains.Retention;

/// <summary>
/// The extensions an account pays for, as erasure and the cancelled-account purge need them: first their numbers
/// (to delete their registration history), then their removal from the cluster (grain state with the number, the
/// digest HA1 credentials, settings and bindings, and the tenant's index entry). The purge works on PostgreSQL and
/// reaches the grains only through this, so its own tests run without a cluster (docs/privacy.md).
/// </summary>
public interface IAccountLines
{
    Task<IReadOnlyList<string>> NumbersAsync(string tenantId, string accountId);

    /// <summary>Removes each extension; an extension already gone changes nothing, so a retry finishes a removal.</summary>
    Task RemoveAsync(string tenantId, IReadOnlyList<string> numbers);
}
