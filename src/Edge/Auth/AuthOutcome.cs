namespace Switchboard.Edge.Auth;

/// <summary>The result of checking a request's digest credentials; when not authenticated the response was already sent.</summary>
public readonly record struct AuthOutcome(bool Authenticated, string? Extension)
{
    public static AuthOutcome Answered => new(false, null);
}
