using System.Buffers;
using System.Text;

namespace Switchboard.Sip;

/// <summary>
/// A parsed SIP message (RFC 3261 §7): the original bytes plus an index of header offsets. Values are decoded only
/// when asked for, and typed values are cached. Not thread-safe; dispose to return the pooled index and buffer.
/// </summary>
public abstract partial class SipMessage : IDisposable
{
    private MessageLayout _layout;

    private protected SipMessage(in MessageLayout layout) => _layout = layout;

    /// <summary>The whole message as received (leading CRLFs excluded, trailing datagram bytes excluded).</summary>
    public ReadOnlyMemory<byte> Bytes => _layout.Buffer;

    public abstract bool IsRequest { get; }

    /// <summary>The body (Content-Length bytes after the empty line).</summary>
    public ReadOnlyMemory<byte> Body => _layout.Buffer.Slice(_layout.BodyStart, _layout.BodyLength);

    /// <summary>Number of header lines.</summary>
    public int HeaderCount => _layout.HeaderCount;

    internal ReadOnlySpan<HeaderEntry> Entries => (_layout.Headers ?? throw new ObjectDisposedException(GetType().Name)).AsSpan(0, _layout.HeaderCount);

    internal ReadOnlySpan<byte> Span => _layout.Buffer.Span;

    private protected ref readonly MessageLayout Layout => ref _layout;

    /// <summary>The header line at <paramref name="index"/> in message order.</summary>
    public SipHeaderField GetHeader(int index)
    {
        ref readonly var e = ref Entries[index];
        var span = Span;
        return new SipHeaderField(span.Slice(e.NameStart, e.NameLength), span.Slice(e.ValueStart, e.ValueLength), e.Id);
    }

    public bool Contains(KnownHeader header) => IndexOf(header) >= 0;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The raw value of the first line of <paramref name="header"/> (a list header may hold several values).</summary>
    public bool TryGetHeader(KnownHeader header, out ReadOnlySpan<byte> value)
    {
        int i = IndexOf(header);
        value = i < 0 ? default : ValueOf(i);
        return i >= 0;
    }

    /// <summary>The raw value of the first line named <paramref name="name"/> (any case, long or compact form).</summary>
    public bool TryGetHeader(string name, out ReadOnlySpan<byte> value)
    {
        int i = IndexOf(name);
        value = i < 0 ? default : ValueOf(i);
        return i >= 0;
    }

    /// <summary>The first value of a header as a string, folds collapsed; null when absent.</summary>
    public string? GetHeaderString(KnownHeader header) => TryGetHeader(header, out var v) ? SipSyntax.ToUnfoldedString(v) : null;

    public string? GetHeaderString(string name) => TryGetHeader(name, out var v) ? SipSyntax.ToUnfoldedString(v) : null;

    /// <summary>Every value of a header across all its lines, without allocating (list headers are split on commas).</summary>
    public SipHeaderValueEnumerator EnumerateValues(KnownHeader header) => new(Span, Entries, header, null);

    /// <summary>Every value of the header named <paramref name="name"/>; a known name (any form) is matched by identity.</summary>
    public SipHeaderValueEnumerator EnumerateValues(string name)
    {
        var id = KnownHeaders.Identify(name);
        return new(Span, Entries, id, id == KnownHeader.Unknown ? name : null);
    }

    /// <summary>Every value of a header as strings; allocates, for code off the hot path.</summary>
    public IReadOnlyList<string> GetHeaderValues(KnownHeader header) => Collect(EnumerateValues(header));

    public IReadOnlyList<string> GetHeaderValues(string name) => Collect(EnumerateValues(name));

    /// <summary>Writes the message exactly as received.</summary>
    public void WriteTo(IBufferWriter<byte> writer) => WireWriter.Write(writer, Span);

    public bool TryCopyTo(Span<byte> destination, out int written)
    {
        written = Span.TryCopyTo(destination) ? Span.Length : 0;
        return written > 0;
    }

    /// <summary>Starts a forwarding copy with headers removed, replaced or added (see <see cref="SipMessageEditor"/>).</summary>
    public SipMessageEditor Edit() => new(this);

    public override string ToString() => Encoding.UTF8.GetString(Span);

    public void Dispose()
    {
        if (_layout.Headers is { } headers)
        {
            _layout.Headers = null;
            if (!_layout.HeadersCompacted)
            {
                ArrayPool<HeaderEntry>.Shared.Return(headers);
            }
        }

        if (_layout.Owned is { } owned)
        {
            _layout.Owned = null;
            _layout.Buffer = default;
            ArrayPool<byte>.Shared.Return(owned);
        }

        GC.SuppressFinalize(this);
    }

    internal ReadOnlySpan<byte> ValueOf(int index)
    {
        ref readonly var e = ref Entries[index];
        return Span.Slice(e.ValueStart, e.ValueLength);
    }

    internal int IndexOf(KnownHeader header)
    {
        var entries = Entries;
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Id == header)
            {
                return i;
            }
        }

        return -1;
    }

    internal int IndexOf(string name)
    {
        var id = KnownHeaders.Identify(name);
        if (id != KnownHeader.Unknown)
        {
            return IndexOf(id);
        }

        var entries = Entries;
        var span = Span;
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Id == KnownHeader.Unknown && Ascii.EqualsIgnoreCase(span.Slice(entries[i].NameStart, entries[i].NameLength), name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Moves the message out of pooled arrays into exact-size ones of its own and gives the pooled ones back. For a
    /// message that is kept rather than disposed: a call's INVITE and final responses live as long as the call, and a
    /// rented array that never goes back is only an allocation with slack (a 32-entry header index for a dozen
    /// headers, a 2 KB buffer for 1,042 bytes), which every collection in the meantime has to keep. Call it before
    /// the message is shared between threads.
    /// </summary>
    public void Compact()
    {
        if (_layout.Headers is { } headers && !_layout.HeadersCompacted)
        {
            _layout.Headers = headers.AsSpan(0, _layout.HeaderCount).ToArray();
            _layout.HeadersCompacted = true;
            ArrayPool<HeaderEntry>.Shared.Return(headers);
        }

        if (_layout.Owned is { } owned)
        {
            _layout.Buffer = _layout.Buffer.ToArray();
            _layout.Owned = null;
            ArrayPool<byte>.Shared.Return(owned);
        }
    }

    /// <summary>Moves the bytes into a pooled buffer the message owns, so the caller may reuse its input.</summary>
    internal void TakeOwnership()
    {
        if (_layout.Owned is not null)
        {
            return;
        }

        var source = _layout.Buffer.Span;
        var owned = ArrayPool<byte>.Shared.Rent(source.Length);
        source.CopyTo(owned);
        _layout.Owned = owned;
        _layout.Buffer = owned.AsMemory(0, source.Length);
    }

    private static List<string> Collect(SipHeaderValueEnumerator values)
    {
        var list = new List<string>();
        foreach (var v in values)
        {
            list.Add(SipSyntax.ToUnfoldedString(v));
        }

        return list;
    }
}
