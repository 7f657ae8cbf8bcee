using Microsoft.Extensions.Configuration;

namespace Switchboard.Edge.Telemetry;

/// <summary>
/// Whether the edge opens its <c>SipCallId</c> logging scope around each inbound message: only when the console
/// writes scopes (<c>Logging:Console:FormatterOptions:IncludeScopes</c>). A scope nobody writes still costs every
/// message a scope object, the masked Call-ID and an execution context that every continuation of the handling then
/// carries (docs/observability.md, logs and correlation).
/// </summary>
public sealed class LogScopes(IConfiguration configuration)
{
    public const string IncludeScopesKey = "Logging:Console:FormatterOptions:IncludeScopes";

    public bool Enabled { get; } = configuration.GetValue<bool>(IncludeScopesKey);
}
