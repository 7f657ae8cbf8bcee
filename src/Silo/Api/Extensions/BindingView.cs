using Switchboard.Grains.Extensions;

namespace Switchboard.Silo.Api.Extensions;

/// <summary>A registration as an admin reads it: where the phone is and until when.</summary>
public sealed record BindingView(string ContactUri, DateTimeOffset ExpiresAt, string Source, string EdgeId, string? UserAgent, DateTimeOffset RegisteredAt)
{
    public static BindingView From(Binding b) =>
        new(b.ContactUri, b.ExpiresAt, b.Source.ToString(), b.EdgeId, b.UserAgent, b.RegisteredAt);
}
