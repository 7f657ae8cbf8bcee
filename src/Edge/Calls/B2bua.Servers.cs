using System.Net;
using Switchboard.Grains.Calls;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Calls;

/// <summary>The servers behind a leg's target name (RFC 3263): failover among them, and staying with the one that answered.</summary>
public sealed partial class B2bua
{
    /// <summary>
    /// RFC 3263 §4.3: when a server of the target's name fails at the transport level, times out (Timer B) or answers
    /// 503, the next server in SRV order gets the request as a new transaction (new branch, next CSeq). Only while
    /// nothing reached the caller from this leg (no early dialog) and no CANCEL went out; otherwise, and once the list
    /// is exhausted, the grain hears the failure and its trunk failover goes on.
    /// </summary>
    private async Task<bool> TryNextServerAsync(CallSession session, CalleeLeg leg, string why)
    {
        if (leg.Servers is not { } servers || leg.ServerIndex + 1 >= servers.Count
            || leg.Finished || leg.CancelSent || leg.Dialog.RemoteTag is not null || session.IsEnded || session.IsAnswered)
        {
            return false;
        }

        var failed = servers[leg.ServerIndex];
        leg.ServerIndex++;
        leg.InviteCSeq++;

        // A new server challenges on its own; its nonce is not the previous server's.
        leg.AuthAnswered = false;
        Telemetry.EdgeLog.NextServer(logger, session.CallId, leg.LegCallId, failed.ToString(), why, servers[leg.ServerIndex].ToString());
        await SendInviteAsync(session, leg, null);
        return true;
    }

    /// <summary>
    /// Where an in-dialog request for <paramref name="dialog"/> goes. A trunk's address is a name that may resolve to
    /// several servers, and only the one that took the INVITE knows the dialog: when this edge placed the leg it sends
    /// there again instead of asking DNS, whose weighted order can pick another server each time (RFC 2782).
    /// </summary>
    private async ValueTask<SipEndPoint?> DialogDestinationAsync(LegDialog dialog)
    {
        if (!IPAddress.TryParse(dialog.RemoteAddress.Host.Trim('[', ']'), out _)
            && calls.FindByLeg(dialog.LegCallId)?.Legs.GetValueOrDefault(dialog.LegCallId) is { Destination: { } used })
        {
            return used;
        }

        return await outbound.ResolveAsync(dialog.RemoteAddress);
    }
}
