using System.Buffers;

namespace Switchboard.Sip;

public sealed partial class SipMessageEditor
{
    /// <summary>Writes the message with every edit applied; Content-Length always matches the body written.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        var span = _message.Span;
        var entries = _message.Entries;
        int headersStart = span.IndexOf("\r\n"u8) + 2;

        WriteStartLine(writer, span[..headersStart]);
        foreach (var h in _prepend)
        {
            h.WriteTo(writer);
        }

        var body = _body ?? _message.Body;
        bool firstVia = true;
        bool firstRoute = true;
        bool wroteLength = false;
        bool wroteType = false;
        Span<bool> replaced = _replace.Count <= 16 ? stackalloc bool[_replace.Count] : new bool[_replace.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            ref readonly var e = ref entries[i];
            var name = span.Slice(e.NameStart, e.NameLength);
            var value = span.Slice(e.ValueStart, e.ValueLength);
            if (IsListed(_remove, e.Id, name))
            {
                continue;
            }

            int r = FindReplacement(e.Id, name);
            if (r >= 0)
            {
                if (!replaced[r])
                {
                    replaced[r] = true;
                    _replace[r].WriteTo(writer);
                }

                continue;
            }

            switch (e.Id)
            {
                case KnownHeader.Via when firstVia:
                    firstVia = false;
                    WriteTopVia(writer, name, value);
                    continue;
                case KnownHeader.Route when firstRoute && _removeTopRoute:
                    firstRoute = false;
                    WriteWithoutFirstValue(writer, name, value);
                    continue;
                case KnownHeader.MaxForwards when _maxForwards is int mf:
                    WriteNumber(writer, name, mf);
                    continue;
                case KnownHeader.ContentLength:
                    if (!wroteLength)
                    {
                        WriteNumber(writer, name, body.Length);
                        wroteLength = true;
                    }

                    continue;
                case KnownHeader.ContentType when _contentType is not null:
                    WireWriter.WriteName(writer, KnownHeader.ContentType);
                    WireWriter.Write(writer, _contentType);
                    WireWriter.WriteCrlf(writer);
                    wroteType = true;
                    continue;
            }

            WireWriter.Write(writer, span[e.NameStart..e.LineEnd]);
        }

        for (int r = 0; r < _replace.Count; r++)
        {
            if (!replaced[r])
            {
                _replace[r].WriteTo(writer);
            }
        }

        foreach (var h in _append)
        {
            h.WriteTo(writer);
        }

        if (_contentType is not null && !wroteType)
        {
            PendingHeader.Text(KnownHeader.ContentType, _contentType).WriteTo(writer);
        }

        if (!wroteLength)
        {
            // Always frame the body: the message may leave over a stream transport (§18.3, §20.14).
            WriteNumber(writer, KnownHeaders.GetNameBytes(KnownHeader.ContentLength), body.Length);
        }

        WireWriter.WriteCrlf(writer);
        WireWriter.Write(writer, body.Span);
    }

    private void WriteStartLine(IBufferWriter<byte> writer, ReadOnlySpan<byte> startLine)
    {
        if (_requestUri is null || _message is not SipRequest request)
        {
            WireWriter.Write(writer, startLine);
            return;
        }

        WireWriter.Write(writer, request.Method.Name);
        WireWriter.Write(writer, (byte)' ');
        _requestUri.WriteTo(writer);
        WireWriter.Write(writer, " SIP/2.0\r\n"u8);
    }

    private void WriteTopVia(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (_removeTopVia)
        {
            WriteWithoutFirstValue(writer, name, value);
            return;
        }

        int pos = 0;
        if ((_received is null && !_rportFlag) || !HeaderValueSplitter.TryNext(value, ref pos, out var first)
            || !ViaHeader.TryParse(value[first], out var via))
        {
            WireWriter.Write(writer, name);
            WireWriter.Write(writer, ": "u8);
            WireWriter.Write(writer, value);
            WireWriter.WriteCrlf(writer);
            return;
        }

        if (_received is not null)
        {
            via.Received = _received;
        }

        // RFC 3581 §4: fill rport only when the client asked for it with an empty rport.
        if (_rportFlag && via.HasRPort)
        {
            via.SetRPort(_rport);
        }

        WireWriter.Write(writer, name);
        WireWriter.Write(writer, ": "u8);
        via.WriteTo(writer);
        if (pos < value.Length)
        {
            WireWriter.Write(writer, (byte)',');
            WireWriter.Write(writer, value[pos..]);
        }

        WireWriter.WriteCrlf(writer);
    }

    /// <summary>Writes a list header minus its first value; drops the line when nothing is left.</summary>
    private static void WriteWithoutFirstValue(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        int pos = 0;
        if (!HeaderValueSplitter.TryNext(value, ref pos, out _) || !HeaderValueSplitter.TryNext(value, ref pos, out var second))
        {
            return;
        }

        WireWriter.Write(writer, name);
        WireWriter.Write(writer, ": "u8);
        WireWriter.Write(writer, value[second.Start..]);
        WireWriter.WriteCrlf(writer);
    }

    private static void WriteNumber(IBufferWriter<byte> writer, ReadOnlySpan<byte> name, long number)
    {
        WireWriter.Write(writer, name);
        WireWriter.Write(writer, ": "u8);
        WireWriter.Write(writer, number);
        WireWriter.WriteCrlf(writer);
    }

    private int FindReplacement(KnownHeader id, ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < _replace.Count; i++)
        {
            if (_replace[i].Matches(id, name))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsListed(List<PendingHeader> list, KnownHeader id, ReadOnlySpan<byte> name)
    {
        foreach (var h in list)
        {
            if (h.Matches(id, name))
            {
                return true;
            }
        }

        return false;
    }
}
