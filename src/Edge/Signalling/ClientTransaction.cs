using System.Threading.Channels;
using Switchboard.Sip;
using Switchboard.Sip.Transports;

namespace Switchboard.Edge.Signalling;

/// <summary>
/// A request we sent (RFC 3261 §17.1): retransmitted over UDP (Timer A/E from T1 = 500 ms, doubling; non-INVITE
/// capped at T2 = 4 s), given up after 64·T1 without a final response (Timer B/F; for an INVITE only while no
/// provisional response arrived). Responses reach <see cref="Handler"/> one at a time in arrival order, so a
/// 180 is never processed after the 200 that followed it.
/// </summary>
public sealed class ClientTransaction
{
    internal static readonly TimeSpan T1 = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan T2 = TimeSpan.FromSeconds(4);

    // A B2BUA leg that got 1xx waits for its final response; the ring timeout normally ends it long before this cap.
    private static readonly TimeSpan ProceedingCap = TimeSpan.FromMinutes(5);

    private readonly Channel<SipResponse> _responses = Channel.CreateUnbounded<SipResponse>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<SipResponse?> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _proceeding;

    internal ClientTransaction(string key, SipRequest request, byte[] bytes, SipEndPoint destination, Func<SipResponse, Task> handler)
    {
        Key = key;
        Request = request;
        Bytes = bytes;
        Destination = destination;
        Handler = handler;
    }

    public string Key { get; }

    /// <summary>The request as sent (CANCEL and the ACK of a non-2xx final are built from it, §9.1, §17.1.1.3).</summary>
    public SipRequest Request { get; }

    internal byte[] Bytes { get; }

    public SipEndPoint Destination { get; }

    public bool IsInvite => Request.Method == SipMethod.Invite;

    public bool IsProceeding => _proceeding;

    /// <summary>The final response, or null when the transaction timed out (treated as 408, §8.1.3.1).</summary>
    public Task<SipResponse?> Final => _final.Task;

    internal Func<SipResponse, Task> Handler { get; }

    internal void Deliver(SipResponse response)
    {
        if (response.IsProvisional)
        {
            _proceeding = true;
        }

        _responses.Writer.TryWrite(response);
    }

    internal void Fail() => _final.TrySetResult(null);

    /// <summary>Runs the handler over responses in order; completes <see cref="Final"/> at the first final one.</summary>
    internal async Task PumpAsync()
    {
        await foreach (var response in _responses.Reader.ReadAllAsync())
        {
            await Handler(response);
            if (response.IsFinal)
            {
                _final.TrySetResult(response);
            }
        }
    }

    internal void Complete() => _responses.Writer.TryComplete();

    /// <summary>Retransmits until a response (or, for INVITE, a final one) arrives or the timers run out.</summary>
    internal async Task RetransmitAsync(Func<Task<bool>> send, TimeProvider time)
    {
        var reliable = Destination.IsReliable;
        var started = time.GetUtcNow();
        var interval = T1;
        if (!await send())
        {
            Fail();
            return;
        }

        while (!_final.Task.IsCompleted)
        {
            var elapsed = time.GetUtcNow() - started;
            if (_proceeding && IsInvite)
            {
                await Task.WhenAny(_final.Task, Task.Delay(ProceedingCap, time));
                Fail();
                return;
            }

            var remaining = (64 * T1) - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                Fail();
                return;
            }

            var wait = reliable ? remaining : (interval < remaining ? interval : remaining);
            await Task.WhenAny(_final.Task, Task.Delay(wait, time));
            if (_final.Task.IsCompleted || (_proceeding && IsInvite) || reliable)
            {
                continue;
            }

            await send();
            interval = IsInvite ? interval * 2 : (_proceeding ? T2 : (interval * 2 < T2 ? interval * 2 : T2));
        }
    }
}
