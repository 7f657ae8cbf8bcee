using Microsoft.Extensions.Options;
using Switchboard.Edge.Hosting;
using Switchboard.Grains.Observability;

namespace Switchboard.Edge.Telemetry;

/// <summary>
/// What the edge's Information-level lines (and the SIP Call-ID logging scope) show of a phone number, a SIP user or
/// a SIP Call-ID (docs/privacy.md, logs): masked by <see cref="NumberMask"/> unless <c>Sip:LogNumbers</c> is on. A
/// Call-ID counts as personal data because phones commonly build it from their own IP address (RFC 3261 §8.1.1.4
/// recommends a random part "@" the host); the edge's call key correlates a call's lines instead.
/// </summary>
public sealed class LogRedaction(IOptions<SipOptions> options)
{
    private readonly bool _inFull = options.Value.LogNumbers;

    public string Show(string value) => NumberMask.ForLog(value, _inFull);
}
