namespace Switchboard.Sip;

// Deep validation: the parser checks only what routing needs, so a registrar or UAS calls Validate() before it
// trusts Contact, Route or Expires. Kept out of the parse path to keep that path allocation-free and short.
public abstract partial class SipMessage
{
    /// <summary>
    /// Checks the syntax of every structured header the stack knows (Contact, Route, Record-Route, Path, Refer-To,
    /// Expires, Content-Type, ...). Returns null when all are well formed, otherwise the first defect; for a request
    /// the error carries the status to answer with.
    /// </summary>
    public SipParseError? Validate()
    {
        var span = Span;
        foreach (ref readonly var e in Entries)
        {
            var value = span.Slice(e.ValueStart, e.ValueLength);
            bool ok = e.Id switch
            {
                KnownHeader.Contact => AllValid(value, static v => ContactHeader.IsValid(v)) && !IsMixedWildcard(),
                KnownHeader.Route or KnownHeader.RecordRoute or KnownHeader.Path or KnownHeader.ServiceRoute
                    or KnownHeader.PAssertedIdentity => AllValid(value, static v => NameAddress.IsValid(v)),
                KnownHeader.ReferTo or KnownHeader.ReferredBy => NameAddress.IsValid(value),

                // delta-seconds is 1*DIGIT; RFC 4475 §3.1.2.4 treats values past 2^32-1 as out of range.
                KnownHeader.Expires or KnownHeader.MinExpires => SipSyntax.TryParseDigits(SipSyntax.Trim(value), uint.MaxValue, out _),
                KnownHeader.ContentType => IsMediaType(value),
                _ => true,
            };

            if (!ok)
            {
                var reason = SipParseErrorReason.InvalidHeaderValue;
                return new SipParseError(reason, KnownHeaders.GetName(e.Id), IsRequest ? SipParseStatusCodes.For(reason) : null);
            }
        }

        return null;
    }

    private delegate bool SpanPredicate(ReadOnlySpan<byte> value);

    private static bool AllValid(ReadOnlySpan<byte> value, SpanPredicate valid)
    {
        int pos = 0;
        bool any = false;
        while (HeaderValueSplitter.TryNext(value, ref pos, out var range))
        {
            any = true;
            if (!valid(value[range]))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>§10.2.2: "Contact: *" must be the only Contact value.</summary>
    private bool IsMixedWildcard()
    {
        int count = 0;
        bool wildcard = false;
        foreach (var v in EnumerateValues(KnownHeader.Contact))
        {
            count++;
            wildcard |= v.Length == 1 && v[0] == '*';
        }

        return wildcard && count > 1;
    }

    /// <summary>media-type = m-type SLASH m-subtype *(SEMI m-parameter) (§20.15).</summary>
    private static bool IsMediaType(ReadOnlySpan<byte> value)
    {
        int semi = SipSyntax.IndexOfUnquoted(value, (byte)';');
        var type = semi < 0 ? value : value[..semi];
        int slash = type.IndexOf((byte)'/');
        return slash > 0 && SipSyntax.IsToken(SipSyntax.Trim(type[..slash])) && SipSyntax.IsToken(SipSyntax.Trim(type[(slash + 1)..]))
            && (semi < 0 || SipParameters.TryParse(value[semi..], SipParameterSyntax.Header, null));
    }
}
