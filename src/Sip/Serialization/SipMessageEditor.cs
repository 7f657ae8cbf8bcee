using System.Buffers;

namespace Switchboard.Sip;

/// <summary>
/// Writes a parsed message back with changes, for proxying and B2BUA legs: untouched header lines are copied byte
/// for byte; removed, replaced and added headers are applied while writing. The source message is not modified.
/// </summary>
public sealed partial class SipMessageEditor
{
    private readonly SipMessage _message;
    private readonly List<PendingHeader> _prepend = [];
    private readonly List<PendingHeader> _append = [];
    private readonly List<PendingHeader> _replace = [];
    private readonly List<PendingHeader> _remove = [];
    private bool _removeTopVia;
    private bool _removeTopRoute;
    private string? _received;
    private int? _rport;
    private bool _rportFlag;
    private SipUri? _requestUri;
    private int? _maxForwards;
    private ReadOnlyMemory<byte>? _body;
    private string? _contentType;

    internal SipMessageEditor(SipMessage message) => _message = message;

    /// <summary>Drops the topmost Via value (a proxy forwarding a response, §16.7 step 3).</summary>
    public SipMessageEditor RemoveTopVia()
    {
        _removeTopVia = true;
        return this;
    }

    /// <summary>
    /// Records where the request really came from on the top Via: received when it differs from sent-by (§18.2.1),
    /// and rport when the client asked for it (RFC 3581 §4). Pass null for a parameter to leave it alone.
    /// </summary>
    public SipMessageEditor SetTopViaSource(string? received, int? rport)
    {
        _received = received;
        _rport = rport;
        _rportFlag = rport.HasValue;
        return this;
    }

    /// <summary>Adds a Via above the existing ones (a proxy or B2BUA forwarding a request, §16.6 step 8).</summary>
    public SipMessageEditor PrependVia(ViaHeader via)
    {
        _prepend.Add(PendingHeader.Typed(KnownHeader.Via, via.WriteTo));
        return this;
    }

    /// <summary>Drops the topmost Route value (loose routing, §16.4).</summary>
    public SipMessageEditor RemoveTopRoute()
    {
        _removeTopRoute = true;
        return this;
    }

    public SipMessageEditor SetRequestUri(SipUri uri)
    {
        _requestUri = uri;
        return this;
    }

    /// <summary>Replaces Max-Forwards, e.g. with the received value minus one (§16.6 step 3).</summary>
    public SipMessageEditor SetMaxForwards(int value)
    {
        _maxForwards = value;
        return this;
    }

    /// <summary>Removes every line of a header.</summary>
    public SipMessageEditor Remove(KnownHeader header)
    {
        _remove.Add(new PendingHeader(header, null, null, null));
        return this;
    }

    public SipMessageEditor Remove(string name)
    {
        var id = KnownHeaders.Identify(name);
        _remove.Add(new PendingHeader(id, id == KnownHeader.Unknown ? name : null, null, null));
        return this;
    }

    /// <summary>Replaces all lines of a header with one line, written where the first one was (or appended).</summary>
    public SipMessageEditor Replace(string name, string value)
    {
        _replace.Add(PendingHeader.Text(name, value));
        return this;
    }

    public SipMessageEditor Replace(KnownHeader header, string value)
    {
        _replace.Add(PendingHeader.Text(header, value));
        return this;
    }

    public SipMessageEditor SetContact(ContactHeader contact)
    {
        _replace.Add(PendingHeader.Typed(KnownHeader.Contact, contact.WriteTo));
        return this;
    }

    /// <summary>Adds a header line after the existing ones.</summary>
    public SipMessageEditor Add(string name, string value)
    {
        _append.Add(PendingHeader.Text(name, value));
        return this;
    }

    public SipMessageEditor Add(KnownHeader header, string value)
    {
        _append.Add(PendingHeader.Text(header, value));
        return this;
    }

    /// <summary>Replaces the body; Content-Length is rewritten, and Content-Type when given (null keeps it).</summary>
    public SipMessageEditor SetBody(ReadOnlyMemory<byte> body, string? contentType = null)
    {
        _body = body;
        _contentType = contentType;
        return this;
    }

    /// <summary>Writes into caller memory (e.g. a send buffer); false, with nothing usable written, when it does not fit.</summary>
    public bool TryWriteTo(Memory<byte> destination, out int written) => MemoryBufferWriter.TryWrite(destination, WriteTo, out written);

    /// <summary>Writes the edited message.</summary>
    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(_message.Bytes.Length + 256);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
