namespace Switchboard.Sip.Transactions;

public sealed partial class SipClientTransaction
{
    private readonly Queue<(SipResponse Response, bool Completes)> _pending = new();
    private bool _delivering;

    /// <summary>Set under the lock when a response was queued with no delivery loop running: the caller starts one.</summary>
    private bool _startDelivery;

    /// <summary>
    /// Queues a copy for the <see cref="SipResponseHandler"/>, if there is one. Called with the lock held, so the
    /// queue order is the order the layer matched the responses in.
    /// </summary>
    private void Enqueue(SipResponse response, bool completes)
    {
        if (_onResponse is null)
        {
            return;
        }

        _pending.Enqueue((Layer.Detach(response), completes));
        if (!_delivering)
        {
            _delivering = true;
            _startDelivery = true;
        }
    }

    /// <summary>Whether a delivery loop must be started; clears the request. Call with the lock held.</summary>
    private bool TakeDeliveryStart()
    {
        var start = _startDelivery;
        _startDelivery = false;
        return start;
    }

    /// <summary>
    /// Runs the delivery loop that <see cref="TakeDeliveryStart"/> asked for. Call after releasing the lock: the loop
    /// runs on the transport's thread up to the handler's first await, as the handling of a new request does,
    /// rather than costing a hop to the thread pool per response. A handler with long synchronous work before its
    /// first await should yield first.
    /// </summary>
    private void StartDelivery() => _ = DeliverAsync();

    /// <summary>
    /// One delivery loop per transaction at a time: the next response waits for the handler's task on the previous
    /// one. The final response completes <see cref="Completion"/> only after the handler finished with it, so a TU
    /// awaiting the completion knows its handler saw the answer.
    /// </summary>
    private async Task DeliverAsync()
    {
        while (true)
        {
            (SipResponse Response, bool Completes) next;
            SipResponseHandler? handler;
            lock (Gate)
            {
                if (!_pending.TryDequeue(out next))
                {
                    _delivering = false;
                    return;
                }

                handler = _onResponse;
            }

            if (handler is not null)
            {
                try
                {
                    await handler(this, next.Response).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A failing handler must not stop the responses after it; the layer's owner hears about it.
                    Layer.ReportHandlerFailure(this, next.Response, ex);
                }
            }

            if (next.Completes)
            {
                lock (Gate)
                {
                    // After a non-2xx final the handler has nothing left to see (§17.1.1.2, §17.1.2.2: Completed only
                    // absorbs); let it go now rather than with Timer D.
                    if (State is not SipClientTransactionState.Accepted)
                    {
                        _onResponse = null;
                    }
                }
            }

            // The handler had the final response; the completion carries its status only. An INVITE transaction lives
            // as long as its call (the TU keeps it to CANCEL or end it), and the answer it completed with, parsed and
            // copied, was the largest thing each call kept on the edge. A final after Timer C completes nothing.
            if (next.Completes)
            {
                _completion.TrySetResult(new SipClientResult(next.Response.StatusCode));
            }

            next.Response.Dispose();
        }
    }
}
