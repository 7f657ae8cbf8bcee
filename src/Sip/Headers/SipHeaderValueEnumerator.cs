namespace Switchboard.Sip;

/// <summary>
/// Enumerates the values of one header across all its lines without allocating. For list headers (§7.3.1) each
/// comma-separated element is a value; otherwise each line is one value.
/// </summary>
public ref struct SipHeaderValueEnumerator
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly ReadOnlySpan<HeaderEntry> _entries;
    private readonly KnownHeader _id;
    private readonly string? _name;
    private readonly bool _split;
    private int _entry;
    private int _position;
    private ReadOnlySpan<byte> _current;

    internal SipHeaderValueEnumerator(ReadOnlySpan<byte> buffer, ReadOnlySpan<HeaderEntry> entries, KnownHeader id, string? name)
    {
        _buffer = buffer;
        _entries = entries;
        _id = id;
        _name = name;
        _split = id != KnownHeader.Unknown && KnownHeaders.IsList(id);
        _entry = -1;
        _position = 0;
        _current = default;
    }

    public readonly ReadOnlySpan<byte> Current => _current;

    public readonly SipHeaderValueEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_entry >= 0 && _split)
            {
                ref readonly var e = ref _entries[_entry];
                var value = _buffer.Slice(e.ValueStart, e.ValueLength);
                if (HeaderValueSplitter.TryNext(value, ref _position, out var range))
                {
                    _current = value[range];
                    return true;
                }
            }

            if (!MoveToNextEntry())
            {
                _current = default;
                return false;
            }

            if (!_split)
            {
                ref readonly var e = ref _entries[_entry];
                _current = _buffer.Slice(e.ValueStart, e.ValueLength);
                return true;
            }
        }
    }

    private bool MoveToNextEntry()
    {
        for (int i = _entry + 1; i < _entries.Length; i++)
        {
            ref readonly var e = ref _entries[i];
            bool match = _name is null
                ? e.Id == _id
                : e.Id == KnownHeader.Unknown && System.Text.Ascii.EqualsIgnoreCase(_buffer.Slice(e.NameStart, e.NameLength), _name);
            if (match)
            {
                _entry = i;
                _position = 0;
                return true;
            }
        }

        _entry = _entries.Length;
        return false;
    }
}
