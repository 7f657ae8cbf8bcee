namespace Switchboard.Silo.Api;

/// <summary>
/// One page of a list. <see cref="Next"/> is the query value for the following page (<c>offset</c>, or <c>before</c>
/// for the audit log); null on the last page.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
