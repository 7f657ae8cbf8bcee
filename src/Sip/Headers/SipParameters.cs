using System.Buffers;
using System.Collections;
using System.Text;

namespace Switchboard.Sip;

/// <summary>
/// An ordered parameter list with case-insensitive names (RFC 3261 §7.3.1, §19.1.1). Order is kept so a rewritten
/// header reads the way it arrived.
/// </summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    private static readonly SearchValues<byte> UriParamChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()[]/:&+$%"u8);

    private static readonly SearchValues<byte> UriHeaderChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()[]/?:+$%"u8);

    private static readonly SearchValues<byte> GenValueChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~[]:"u8);

    // An array grown on demand rather than a List: most parameter lists of a parsed message are empty (a URI's
    // headers, most URIs' parameters) and stay so, and a message keeps a dozen of them for as long as it lives.
    private SipParameter[]? _items;
    private int _count;

    public int Count => _count;

    public SipParameter this[int index] =>
        (uint)index < (uint)_count ? _items![index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The value of the first parameter with this name; null when absent or a flag.</summary>
    public string? this[string name]
    {
        get => IndexOf(name) is var i and >= 0 ? _items![i].Value : null;
        set => Set(name, value);
    }

    public bool Contains(string name) => IndexOf(name) >= 0;

    public bool TryGetValue(string name, out string? value)
    {
        int i = IndexOf(name);
        value = i >= 0 ? _items![i].Value : null;
        return i >= 0;
    }

    /// <summary>Replaces the first parameter with this name in place, or appends it.</summary>
    public void Set(string name, string? value)
    {
        int i = IndexOf(name);
        if (i >= 0)
        {
            _items![i] = new SipParameter(_items[i].Name, value);
        }
        else
        {
            Add(name, value);
        }
    }

    public void Add(string name, string? value = null)
    {
        if (_items is null)
        {
            _items = new SipParameter[2];
        }
        else if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = new SipParameter(name, value);
    }

    public bool Remove(string name)
    {
        int i = IndexOf(name);
        if (i < 0)
        {
            return false;
        }

        _count--;
        Array.Copy(_items!, i + 1, _items!, i, _count - i);
        _items![_count] = default;
        return true;
    }

    public void Clear()
    {
        if (_items is not null)
        {
            Array.Clear(_items, 0, _count);
        }

        _count = 0;
    }

    /// <summary>A struct enumerator, so <c>foreach</c> over parameters (every serialisation) allocates nothing.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<SipParameter> IEnumerable<SipParameter>.GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return _items![i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<SipParameter>)this).GetEnumerator();

    /// <summary>Formats as ";a=b;c", the way the parameters go on the wire.</summary>
    public override string ToString() => WireWriter.Render(w => WireWriter.WriteParameters(w, this, (byte)';', (byte)';'));

    private int IndexOf(string name)
    {
        for (int i = 0; i < _count; i++)
        {
            if (string.Equals(_items![i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Walks the parameters in order without allocating.</summary>
    public struct Enumerator(SipParameters parameters)
    {
        private int _index = -1;

        public readonly SipParameter Current => parameters._items![_index];

        public bool MoveNext() => ++_index < parameters._count;
    }

    /// <summary>
    /// Validates <paramref name="s"/> as a list of parameters each introduced by <paramref name="separator"/>, and adds
    /// them to <paramref name="into"/> when it is not null. With a null target nothing is allocated.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> s, SipParameterSyntax syntax, SipParameters? into)
    {
        bool lws = syntax == SipParameterSyntax.Header;
        byte separator = syntax == SipParameterSyntax.UriHeader ? (byte)'&' : (byte)';';
        var nameChars = syntax switch
        {
            SipParameterSyntax.UriParameter => UriParamChars,
            SipParameterSyntax.UriHeader => UriHeaderChars,
            _ => SipSyntax.TokenChars,
        };
        int pos = 0;
        bool firstItem = syntax == SipParameterSyntax.UriHeader;
        while (true)
        {
            if (lws)
            {
                pos = SkipLws(s, pos);
            }

            if (pos >= s.Length)
            {
                return true;
            }

            if (firstItem)
            {
                firstItem = false;
            }
            else if (s[pos] != separator)
            {
                return false;
            }
            else
            {
                pos++;
            }

            if (lws)
            {
                pos = SkipLws(s, pos);
            }

            int nameLength = s[pos..].IndexOfAnyExcept(nameChars);
            nameLength = nameLength < 0 ? s.Length - pos : nameLength;
            if (nameLength == 0 || !EscapesValid(s.Slice(pos, nameLength), syntax))
            {
                return false;
            }

            var name = s.Slice(pos, nameLength);
            pos += nameLength;
            int afterName = pos;
            if (lws)
            {
                pos = SkipLws(s, pos);
            }

            ReadOnlySpan<byte> value = default;
            bool hasValue = false;
            if (pos < s.Length && s[pos] == '=')
            {
                hasValue = true;
                pos++;
                if (lws)
                {
                    pos = SkipLws(s, pos);
                }

                int valueLength;
                if (lws && pos < s.Length && s[pos] == '"')
                {
                    valueLength = SipSyntax.QuotedStringLength(s[pos..]);
                    if (valueLength < 0)
                    {
                        return false;
                    }
                }
                else
                {
                    var valueChars = syntax == SipParameterSyntax.Header ? GenValueChars : nameChars;
                    valueLength = s[pos..].IndexOfAnyExcept(valueChars);
                    valueLength = valueLength < 0 ? s.Length - pos : valueLength;

                    // uri-parameters allow an empty value only for headers ("?subject=" is legal, §19.1.1 hvalue = *(...)).
                    if ((valueLength == 0 && syntax != SipParameterSyntax.UriHeader) || !EscapesValid(s.Slice(pos, valueLength), syntax))
                    {
                        return false;
                    }
                }

                value = s.Slice(pos, valueLength);
                pos += valueLength;
            }
            else
            {
                pos = afterName;
                if (syntax == SipParameterSyntax.UriHeader)
                {
                    return false;
                }
            }

            into?.Add(Encoding.UTF8.GetString(name), hasValue ? Encoding.UTF8.GetString(value) : null);
        }
    }

    private static int SkipLws(ReadOnlySpan<byte> s, int pos)
    {
        while (pos < s.Length && SipSyntax.IsWhitespace(s[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>escaped = "%" HEXDIG HEXDIG (§25.1); a header token may contain a bare "%".</summary>
    private static bool EscapesValid(ReadOnlySpan<byte> s, SipParameterSyntax syntax) =>
        syntax == SipParameterSyntax.Header || UriEscaping.IsValid(s);
}
