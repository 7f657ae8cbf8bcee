using Microsoft.Extensions.Logging;

namespace Switchboard.Edge.Telemetry;

/// <summary>
/// Source-generated log messages of the edge (event ids 1000–1999). Call-related messages carry the Call-ID so a
/// call can be followed across edges; credentials, HA1 and digest responses are never parameters here.
/// </summary>
internal static partial class EdgeLog
{
    [LoggerMessage(1041, LogLevel.Information, "Call path compiled before listening: {Methods} methods ({Failed} left to first use), waited {Seconds:F1} s")]
    public static partial void Precompiled(ILogger logger, int methods, int failed, double seconds);

    [LoggerMessage(1042, LogLevel.Information, "Runtime: {Collector}")]
    public static partial void Runtime(ILogger logger, string collector);

    [LoggerMessage(1000, LogLevel.Information, "SIP edge {EdgeId} listening on {Address}:{Port} (UDP, TCP){Tls}")]
    public static partial void Listening(ILogger logger, string edgeId, string address, int port, string tls);

    [LoggerMessage(1001, LogLevel.Information, "Cluster reachable: {Reachable}")]
    public static partial void ClusterReachability(ILogger logger, bool reachable);

    [LoggerMessage(1002, LogLevel.Debug, "Cluster probe failed: {Error}")]
    public static partial void ClusterProbeFailed(ILogger logger, string error);

    [LoggerMessage(1003, LogLevel.Information, "Draining: new calls get 503; waiting up to {Seconds} s for {Calls} calls in progress")]
    public static partial void Draining(ILogger logger, int seconds, int calls);

    [LoggerMessage(1004, LogLevel.Warning, "Drain period over with {Calls} calls still up; ending them")]
    public static partial void DrainExpired(ILogger logger, int calls);

    [LoggerMessage(1010, LogLevel.Debug, "Dropped malformed SIP from {Source} over {Transport}: {Reason}")]
    public static partial void Malformed(ILogger logger, string source, string transport, string reason);

    [LoggerMessage(1011, LogLevel.Error, "Unexpected failure handling a SIP message from {Source} (Call-ID {CallId})")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string source, string callId);

    [LoggerMessage(1020, LogLevel.Information, "REGISTER {Aor}: {Bindings} bindings after update (Call-ID {CallId})")]
    public static partial void Registered(ILogger logger, string aor, int bindings, string callId);

    [LoggerMessage(1021, LogLevel.Warning, "Authentication failed for {User}@{Realm} from {Source}: {Reason} (Call-ID {CallId})")]
    public static partial void AuthFailed(ILogger logger, string user, string realm, string source, string reason, string callId);

    [LoggerMessage(1030, LogLevel.Information, "Call {CallKey} from {From} to {To} started (Call-ID {CallId})")]
    public static partial void CallStarted(ILogger logger, string callKey, string from, string to, string callId);

    [LoggerMessage(1031, LogLevel.Information, "Call {CallKey} answered after {Milliseconds} ms (Call-ID {CallId})")]
    public static partial void CallAnswered(ILogger logger, string callKey, double milliseconds, string callId);

    [LoggerMessage(1032, LogLevel.Information, "Call {CallKey} ended: {Reason} (Call-ID {CallId})")]
    public static partial void CallEnded(ILogger logger, string callKey, string reason, string callId);

    [LoggerMessage(1033, LogLevel.Warning, "Call {CallKey}: cluster unavailable, answered 503 (Call-ID {CallId})")]
    public static partial void ClusterUnavailable(ILogger logger, string callKey, string callId);

    [LoggerMessage(1034, LogLevel.Warning, "Media relay ports exhausted: {Calls} calls since the last warning went without a relay, the last {CallKey} (Call-ID {CallId}); widen Media:PortMin..Media:PortMax")]
    public static partial void RelayPortsExhausted(ILogger logger, long calls, string callKey, string callId);

    [LoggerMessage(1035, LogLevel.Warning, "Call {CallKey}: no ACK for our 2xx after {Retransmissions} retransmissions; ending it (Call-ID {CallId})")]
    public static partial void AckTimeout(ILogger logger, string callKey, int retransmissions, string callId);

    [LoggerMessage(1036, LogLevel.Warning, "Call {CallKey}: server {Failed} of leg {LegCallId} failed ({Why}); trying {Next} (RFC 3263 §4.3)")]
    public static partial void NextServer(ILogger logger, string callKey, string legCallId, string failed, string why, string next);

    [LoggerMessage(1040, LogLevel.Warning, "Edge observer subscription failed: {Error}")]
    public static partial void ObserverSubscribeFailed(ILogger logger, string error);

    [LoggerMessage(1050, LogLevel.Warning, "Source {Source} banned by the cluster after {Failures} failed authentications (last: {Reason}) until {Until}")]
    public static partial void SourceBanned(ILogger logger, string source, int failures, string reason, DateTimeOffset until);

    [LoggerMessage(1051, LogLevel.Debug, "Ban list poll of shard {Shard} failed: {Error}")]
    public static partial void BanPollFailed(ILogger logger, int shard, string error);
}
