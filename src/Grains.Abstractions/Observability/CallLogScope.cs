using System.Collections;

namespace Switchboard.Grains.Observability;

/// <summary>
/// Logging scope state naming one call, so every line written while handling it (SIP transactions, B2BUA,
/// registrar, grain calls) can be correlated without each message template repeating the id. A list of pairs,
/// not a string, so structured providers (JSON console, OpenTelemetry) get a <c>CallId</c>/<c>SipCallId</c> field.
/// </summary>
public sealed class CallLogScope(string name, string value) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The SIP Call-ID header of the message being handled (RFC 3261 §8.1.1.4).</summary>
    public static CallLogScope Sip(string callId) => new("SipCallId", callId);

    /// <summary>The call grain's key (<c>call-…</c>).</summary>
    public static CallLogScope Grain(string callKey) => new("CallId", callKey);

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new KeyValuePair<string, object?>(name, value) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{name} {value}";
}
