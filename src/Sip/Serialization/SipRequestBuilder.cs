using System.Buffers;

namespace Switchboard.Sip;

/// <summary>
/// Builds a request for a UAC or a B2BUA leg (RFC 3261 §8.1.1): Request-Line, Via (branch with the magic cookie),
/// Max-Forwards, From/To, Call-ID, CSeq, Contact, Route set, extra headers and body. Missing mandatory parts are a
/// programming error and throw.
/// </summary>
public sealed class SipRequestBuilder
{
    public SipRequestBuilder(SipMethod method, SipUri requestUri)
    {
        Method = method;
        RequestUri = requestUri ?? throw new ArgumentNullException(nameof(requestUri));
    }

    public SipMethod Method { get; set; }

    public SipUri RequestUri { get; set; }

    /// <summary>Via values, top first. <see cref="AddVia"/> creates one with a fresh branch.</summary>
    public List<ViaHeader> Vias { get; } = [];

    /// <summary>§8.1.1.6 recommends 70.</summary>
    public int MaxForwards { get; set; } = 70;

    public NameAddress? From { get; set; }

    public NameAddress? To { get; set; }

    public string? CallId { get; set; }

    public long CSeq { get; set; } = 1;

    /// <summary>CSeq method; defaults to <see cref="Method"/> (§8.1.1.5).</summary>
    public SipMethod? CSeqMethod { get; set; }

    public List<ContactHeader> Contacts { get; } = [];

    /// <summary>The route set, written as Route lines in order (§12.2.1.1).</summary>
    public List<NameAddress> Routes { get; } = [];

    public ReadOnlyMemory<byte> Body { get; set; }

    public string? ContentType { get; set; }

    private List<PendingHeader> Extra { get; } = [];

    /// <summary>Adds a Via for this hop with a new RFC 3261 branch (or the one given, e.g. for CANCEL, §9.1).</summary>
    public SipRequestBuilder AddVia(string transport, string host, int? port, string? branch = null, bool rport = true)
    {
        var via = new ViaHeader(transport, host, port, branch ?? SipIdGenerator.NewBranch());
        if (rport)
        {
            via.SetRPort(null); // RFC 3581 §3: ask the server to tell us our public port.
        }

        Vias.Add(via);
        return this;
    }

    public SipRequestBuilder WithFrom(NameAddress from)
    {
        From = from;
        return this;
    }

    public SipRequestBuilder WithTo(NameAddress to)
    {
        To = to;
        return this;
    }

    public SipRequestBuilder WithCallId(string callId)
    {
        CallId = callId;
        return this;
    }

    public SipRequestBuilder WithCSeq(long number)
    {
        CSeq = number;
        return this;
    }

    public SipRequestBuilder AddContact(ContactHeader contact)
    {
        Contacts.Add(contact);
        return this;
    }

    public SipRequestBuilder AddRoute(NameAddress route)
    {
        Routes.Add(route);
        return this;
    }

    public SipRequestBuilder AddHeader(string name, string value)
    {
        Extra.Add(PendingHeader.Text(name, value));
        return this;
    }

    public SipRequestBuilder AddHeader(KnownHeader header, string value)
    {
        Extra.Add(PendingHeader.Text(header, value));
        return this;
    }

    public SipRequestBuilder WithBody(ReadOnlyMemory<byte> body, string contentType)
    {
        Body = body;
        ContentType = contentType;
        return this;
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        if (Vias.Count == 0 || From is null || To is null || string.IsNullOrEmpty(CallId))
        {
            throw new InvalidOperationException("A request needs at least one Via, From, To and Call-ID (RFC 3261 §8.1.1).");
        }

        WireWriter.Write(writer, Method.Name);
        WireWriter.Write(writer, (byte)' ');
        RequestUri.WriteTo(writer);
        WireWriter.Write(writer, " SIP/2.0\r\n"u8);
        foreach (var via in Vias)
        {
            WireWriter.WriteName(writer, KnownHeader.Via);
            via.WriteTo(writer);
            WireWriter.WriteCrlf(writer);
        }

        WireWriter.WriteName(writer, KnownHeader.MaxForwards);
        WireWriter.Write(writer, MaxForwards);
        WireWriter.WriteCrlf(writer);
        foreach (var route in Routes)
        {
            WireWriter.WriteName(writer, KnownHeader.Route);
            route.WriteTo(writer);
            WireWriter.WriteCrlf(writer);
        }

        WriteAddress(writer, KnownHeader.From, From);
        WriteAddress(writer, KnownHeader.To, To);
        WireWriter.WriteName(writer, KnownHeader.CallId);
        WireWriter.Write(writer, CallId);
        WireWriter.WriteCrlf(writer);
        WireWriter.WriteName(writer, KnownHeader.CSeq);
        new CSeqHeader(CSeq, CSeqMethod ?? Method).WriteTo(writer);
        WireWriter.WriteCrlf(writer);
        foreach (var contact in Contacts)
        {
            WireWriter.WriteName(writer, KnownHeader.Contact);
            contact.WriteTo(writer);
            WireWriter.WriteCrlf(writer);
        }

        foreach (var h in Extra)
        {
            h.WriteTo(writer);
        }

        if (ContentType is not null)
        {
            PendingHeader.Text(KnownHeader.ContentType, ContentType).WriteTo(writer);
        }

        WireWriter.WriteName(writer, KnownHeader.ContentLength);
        WireWriter.Write(writer, Body.Length);
        WireWriter.WriteCrlf(writer);
        WireWriter.WriteCrlf(writer);
        WireWriter.Write(writer, Body.Span);
    }

    /// <summary>Writes into caller memory (e.g. a send buffer); false, with nothing usable written, when it does not fit.</summary>
    public bool TryWriteTo(Memory<byte> destination, out int written) => MemoryBufferWriter.TryWrite(destination, WriteTo, out written);

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes and re-parses the request, e.g. to hand to a client transaction as a message object.</summary>
    public SipRequest Build(SipParser? parser = null)
    {
        var result = (parser ?? new SipParser()).ParseDatagram(ToArray().AsMemory());
        return result.Message as SipRequest ?? throw new InvalidOperationException($"Built request does not parse: {result.Error}.");
    }

    private static void WriteAddress(IBufferWriter<byte> writer, KnownHeader header, NameAddress address)
    {
        WireWriter.WriteName(writer, header);
        address.WriteTo(writer);
        WireWriter.WriteCrlf(writer);
    }
}
