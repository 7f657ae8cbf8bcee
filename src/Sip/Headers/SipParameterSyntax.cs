namespace Switchboard.Sip;

/// <summary>Which grammar a parameter list follows.</summary>
internal enum SipParameterSyntax
{
    /// <summary>generic-param = token [ EQUAL gen-value ], gen-value = token / host / quoted-string (§25.1); LWS allowed.</summary>
    Header,

    /// <summary>uri-parameter = paramchar-based name and value (§19.1.1); no whitespace.</summary>
    UriParameter,

    /// <summary>header = hname "=" hvalue, separated by "&amp;" (§19.1.1).</summary>
    UriHeader,
}
