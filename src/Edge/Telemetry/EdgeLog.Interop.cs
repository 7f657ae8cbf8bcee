using Microsoft.Extensions.Logging;

namespace Switchboard.Edge.Telemetry;

/// <summary>Log messages of re-INVITE answers and trunk health (event ids 1050–1059).</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(1050, LogLevel.Warning, "No ACK for the re-INVITE 2xx after {Retransmissions} retransmissions (Call-ID {CallId}, CSeq {CSeq})")]
    public static partial void ReinviteAckTimeout(ILogger logger, int retransmissions, string callId, long cSeq);

    [LoggerMessage(1051, LogLevel.Warning, "Trunk {TrunkId}: server {Server} stopped answering OPTIONS; legs skip it until it answers again")]
    public static partial void TrunkDown(ILogger logger, string trunkId, string server);

    [LoggerMessage(1052, LogLevel.Information, "Trunk {TrunkId}: server {Server} answers OPTIONS again")]
    public static partial void TrunkUp(ILogger logger, string trunkId, string server);
}
