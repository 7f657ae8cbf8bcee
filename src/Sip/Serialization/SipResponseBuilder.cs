using System.Buffers;

namespace Switchboard.Sip;

/// <summary>
/// Builds a response to a parsed request per RFC 3261 §8.2.6: Via lines, From, Call-ID and CSeq are copied byte for
/// byte, To gets the UAS tag unless it already has one, and Record-Route is copied into dialog-creating responses
/// (§12.1.1). Writes straight into an <see cref="IBufferWriter{T}"/>.
/// </summary>
public sealed class SipResponseBuilder
{
    private readonly SipRequest _request;
    private readonly List<PendingHeader> _headers = [];
    private ReadOnlyMemory<byte> _body;
    private string? _contentType;

    private SipResponseBuilder(SipRequest request, int statusCode, string? reasonPhrase)
    {
        if (statusCode is < 100 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A SIP status code is 100-699.");
        }

        _request = request;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatusCodes.GetReasonPhrase(statusCode);
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>The tag added to To when the request's To has none (§8.2.6.2).</summary>
    public string? ToTag { get; set; }

    /// <summary>Starts a response to <paramref name="request"/>.</summary>
    public static SipResponseBuilder For(SipRequest request, int statusCode, string? reasonPhrase = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SipResponseBuilder(request, statusCode, reasonPhrase);
    }

    /// <summary>The 400-class answer a parser rejection calls for (see <see cref="SipParseError.CanRespond"/>).</summary>
    public static SipResponseBuilder ForRejection(SipRequest request, SipParseError error)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SipResponseBuilder(request, error.StatusCode ?? 400, error.ReasonPhrase);
    }

    public SipResponseBuilder WithToTag(string tag)
    {
        ToTag = tag;
        return this;
    }

    public SipResponseBuilder AddHeader(string name, string value)
    {
        _headers.Add(PendingHeader.Text(name, value));
        return this;
    }

    public SipResponseBuilder AddHeader(KnownHeader header, string value)
    {
        _headers.Add(PendingHeader.Text(header, value));
        return this;
    }

    public SipResponseBuilder AddContact(ContactHeader contact)
    {
        _headers.Add(PendingHeader.Typed(KnownHeader.Contact, contact.WriteTo));
        return this;
    }

    public SipResponseBuilder WithBody(ReadOnlyMemory<byte> body, string contentType)
    {
        _body = body;
        _contentType = contentType;
        return this;
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        WireWriter.Write(writer, "SIP/2.0 "u8);
        WireWriter.Write(writer, StatusCode);
        WireWriter.Write(writer, (byte)' ');
        WireWriter.Write(writer, ReasonPhrase);
        WireWriter.WriteCrlf(writer);

        // §12.1.1: a UAS copies Record-Route into responses that create a dialog (101-299).
        bool copyRecordRoute = StatusCode is > 100 and < 300 && _request.Method.CanCreateDialog;
        var span = _request.Span;
        foreach (ref readonly var e in _request.Entries)
        {
            switch (e.Id)
            {
                case KnownHeader.Via or KnownHeader.From or KnownHeader.CallId or KnownHeader.CSeq:
                    WriteCopy(writer, e.Id, span.Slice(e.ValueStart, e.ValueLength));
                    break;
                case KnownHeader.RecordRoute when copyRecordRoute:
                    WriteCopy(writer, e.Id, span.Slice(e.ValueStart, e.ValueLength));
                    break;
                case KnownHeader.To:
                    WriteTo(writer, span.Slice(e.ValueStart, e.ValueLength));
                    break;
            }
        }

        foreach (var h in _headers)
        {
            h.WriteTo(writer);
        }

        if (_contentType is not null)
        {
            PendingHeader.Text(KnownHeader.ContentType, _contentType).WriteTo(writer);
        }

        WireWriter.WriteName(writer, KnownHeader.ContentLength);
        WireWriter.Write(writer, _body.Length);
        WireWriter.WriteCrlf(writer);
        WireWriter.WriteCrlf(writer);
        WireWriter.Write(writer, _body.Span);
    }

    /// <summary>Writes into caller memory (e.g. a send buffer); false, with nothing usable written, when it does not fit.</summary>
    public bool TryWriteTo(Memory<byte> destination, out int written) => MemoryBufferWriter.TryWrite(destination, WriteTo, out written);

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes and re-parses the response, e.g. to hand to a transaction as a message object.</summary>
    public SipResponse Build(SipParser? parser = null)
    {
        var result = (parser ?? new SipParser()).ParseDatagram(ToArray().AsMemory());
        return result.Message as SipResponse ?? throw new InvalidOperationException($"Built response does not parse: {result.Error}.");
    }

    /// <summary>Looks for ";tag=" among the header parameters (after the bracketed URI) without allocating.</summary>
    private static bool HasTag(ReadOnlySpan<byte> value)
    {
        int lt = SipSyntax.IndexOfUnquoted(value, (byte)'<');
        int gt = lt < 0 ? -1 : value[lt..].IndexOf((byte)'>');
        var parameters = gt < 0 ? value : value[(lt + gt + 1)..];
        return ViaHeader.TryGetParameter(parameters, "tag"u8, out _);
    }

    private static void WriteCopy(IBufferWriter<byte> writer, KnownHeader id, ReadOnlySpan<byte> value)
    {
        WireWriter.WriteName(writer, id);
        WireWriter.Write(writer, value);
        WireWriter.WriteCrlf(writer);
    }

    private void WriteTo(IBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        WireWriter.WriteName(writer, KnownHeader.To);
        WireWriter.Write(writer, value);

        // §8.2.6.2: add our tag only if the request had none (a mid-dialog request already carries it).
        if (ToTag is not null && !HasTag(value))
        {
            WireWriter.Write(writer, ";tag="u8);
            WireWriter.Write(writer, ToTag);
        }

        WireWriter.WriteCrlf(writer);
    }
}
