using System.Text;
using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Parsing;

/// <summary>
/// RFC 4475 torture messages (Corpus/rfc4475, one file per message, named as the RFC names them). Messages with
/// bytes a text file cannot carry faithfully (intmeth, unreason, mpart01) are built in code with escapes.
/// </summary>
public class Rfc4475TortureTests
{
    private readonly SipParser _parser = new();

    public static TheoryData<string> ValidMessages =>
    [
        "wsinv", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports", "noreason",
        "badbranch", "bcast", "bext01", "cparam01", "cparam02", "inv2543", "invut", "regaut01", "regescrt", "sdp01",
        "zeromf", "unksm2", "baddate",
    ];

    /// <summary>Name, expected reason, expected status (0 = must be dropped).</summary>
    public static TheoryData<string, SipParseErrorReason, int> InvalidMessages => new()
    {
        { "badinv01", SipParseErrorReason.InvalidVia, 400 },            // §3.1.2.1 extraneous separators
        { "clerr", SipParseErrorReason.BodyTruncated, 400 },            // §3.1.2.2 Content-Length larger than body (UDP)
        { "ncl", SipParseErrorReason.InvalidContentLength, 400 },       // §3.1.2.3 negative Content-Length
        { "scalar02", SipParseErrorReason.InvalidCSeq, 400 },           // §3.1.2.4 CSeq over 2^31
        { "scalarlg", SipParseErrorReason.InvalidCSeq, 0 },             // §3.1.2.5 a response: discard
        { "quotbal", SipParseErrorReason.InvalidTo, 400 },              // §3.1.2.6 unterminated quote
        { "ltgtruri", SipParseErrorReason.InvalidRequestUri, 400 },     // §3.1.2.7 <> around the Request-URI
        { "lwsruri", SipParseErrorReason.InvalidRequestUri, 400 },      // §3.1.2.8 LWS inside the Request-URI
        { "lwsstart", SipParseErrorReason.InvalidRequestUri, 400 },     // §3.1.2.9 several SP in the Request-Line
        { "trws", SipParseErrorReason.InvalidStartLine, 400 },          // §3.1.2.10 SP after SIP-Version
        { "escruri", SipParseErrorReason.InvalidRequestUri, 400 },      // §3.1.2.11 escaped headers in the Request-URI
        { "badaspec", SipParseErrorReason.InvalidTo, 400 },             // §3.1.2.14 spaces inside <>
        { "baddn", SipParseErrorReason.InvalidFrom, 400 },              // §3.1.2.15 unquoted display name with a comma
        { "badvers", SipParseErrorReason.UnsupportedVersion, 505 },     // §3.1.2.16 SIP/7.0
        { "mismatch01", SipParseErrorReason.CSeqMethodMismatch, 400 },  // §3.1.2.17
        { "mismatch02", SipParseErrorReason.CSeqMethodMismatch, 400 },  // §3.1.2.18 (400 is acceptable)
        { "bigcode", SipParseErrorReason.InvalidStatusCode, 0 },        // §3.1.2.19 a response: drop
        { "insuf", SipParseErrorReason.MissingFrom, 0 },                // §3.3.8 nothing to build a response from
        { "mcl01", SipParseErrorReason.DuplicateHeader, 400 },          // §3.3.11 two Content-Length values
        { "multi01", SipParseErrorReason.DuplicateHeader, 400 },        // §3.3.12 two CSeq, Call-ID, To, From
        { "novelsc", SipParseErrorReason.UnsupportedUriScheme, 416 },   // §3.3.13 soap.beep scheme
        { "unkscm", SipParseErrorReason.UnsupportedUriScheme, 416 },    // §3.3.14 unknown scheme
    };

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void ParseDatagram_ValidTortureMessage_CompletesAndValidates(string name)
    {
        var result = Parse(name);

        Assert.True(result.IsComplete, $"{name}: {result}");
        using var message = result.Message!;
        Assert.Null(message.Validate());
    }

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public void ParseDatagram_InvalidTortureMessage_RejectedWithTypedReason(string name, SipParseErrorReason reason, int status)
    {
        var result = Parse(name);

        Assert.Equal(SipParseStatus.Invalid, result.Status);
        Assert.Equal(reason, result.Error.Reason);
        Assert.Equal(status == 0 ? null : status, result.Error.StatusCode);
        if (status == 0)
        {
            Assert.Null(result.Message);
            return;
        }

        // The rejected request is intact enough to answer: the response copies its Call-ID and CSeq byte for byte
        // (defective lines included, so the answer is checked as text rather than re-parsed).
        using var request = Assert.IsType<SipRequest>(result.Message);
        var answer = Encoding.UTF8.GetString(SipResponseBuilder.ForRejection(request, result.Error).WithToTag("t1").ToArray());
        Assert.StartsWith($"SIP/2.0 {status} {result.Error.ReasonPhrase}\r\n", answer, StringComparison.Ordinal);
        Assert.Contains($"Call-ID: {request.GetHeaderString(KnownHeader.CallId)}\r\n", answer, StringComparison.Ordinal);
        Assert.Contains($"CSeq: {request.GetHeaderString(KnownHeader.CSeq)}\r\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Wsinv_ShortTortuousInvite_ValuesAsTheRfcDescribes()
    {
        using var m = (SipRequest)Parse("wsinv").Message!;

        Assert.Equal(SipMethod.Invite, m.Method);
        Assert.True(m.RequestUri.Parameters.TryGetValue("unknownparam", out var flag));
        Assert.Null(flag);
        Assert.Equal("1918181833n", m.To.Tag);
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal("98asjd8", m.From.Tag);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", m.CallId);
        Assert.Equal(new CSeqHeader(9, SipMethod.Invite), m.CSeq);
        Assert.Equal(150, m.ContentLength);
        Assert.Equal(150, m.Body.Length);
        Assert.Equal(3, m.Vias.Count);
        Assert.Equal(("UDP", "192.0.2.2", "390skdjuw"), (m.Vias[0].Transport, m.Vias[0].Host, m.Vias[0].Branch));
        Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (m.Vias[1].Transport, m.Vias[1].Host, m.Vias[1].Branch));
        Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (m.Vias[2].Transport, m.Vias[2].Host, m.Vias[2].Branch));
        Assert.Equal(string.Empty, m.GetHeaderString(KnownHeader.Subject));
        Assert.Equal("newfangled value continued newfangled value", m.GetHeaderString("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.GetHeaderString("UnknownHeaderWithUnusualValue"));
        Assert.Equal("application/sdp", m.ContentType);
        var route = Assert.Single(m.Routes);
        Assert.True(route.Uri.LooseRouting);
        Assert.Equal("value", route.Uri.Parameters["unknownwith"]);
        var contact = Assert.Single(m.Contacts).Address!;
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters["newparam"]);
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters["q"]);
    }

    [Fact]
    public void Intmeth_WideRangeOfValidCharacters_KeepsEveryUnusualValue()
    {
        var bytes = Concat(
            "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0\r\n",
            "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~\r\n",
            "To: \"BEL:\\\x07 NUL:\\\0 DEL:\\\x7F\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>\r\n",
            "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"",
            Hex("D180D0B0D0B1D0BED182D0B0D18ED189D0B8D0B9"),
            "\";tag=_token~1'+`*%!-.\r\n",
            "Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{\r\n",
            "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~\r\n",
            "Max-Forwards: 255\r\n",
            "extensionHeader-!.%*+_`'~:",
            Hex("EFBBBFE5A4A7E5819CE99BBB"),
            "\r\nContent-Length: 0\r\n\r\n");

        var result = _parser.ParseDatagram(bytes.AsMemory());

        Assert.True(result.IsComplete, result.ToString());
        using var m = (SipRequest)result.Message!;
        Assert.Equal(SipMethodKind.Extension, m.Method.Kind);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method.Name);
        Assert.Equal(m.Method, m.CSeq.Method);
        Assert.Equal(139122385, m.CSeq.Number);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Equal("BEL:\x07 NUL:\0 DEL:\x7F", m.To.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", m.From.Tag);
        Assert.Equal("\"работающий\"", m.From.Parameters["fromParam''~+*_!.-%"]);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", m.TopVia!.Branch);
        Assert.Equal(255, m.MaxForwards);
        Assert.True(m.TryGetHeader("extensionHeader-!.%*+_`'~", out var ext));
        Assert.Equal(Hex("EFBBBFE5A4A7E5819CE99BBB"), ext.ToArray());
    }

    [Fact]
    public void Esc01_PercentEscapes_KeptAsSentAndDecodable()
    {
        using var m = (SipRequest)Parse("esc01").Message!;

        Assert.Equal("sips%3Auser%40example.com", m.RequestUri.User);
        Assert.Equal("sips:user@example.com", UriEscaping.Unescape(m.RequestUri.User!));
        Assert.Equal("user", UriEscaping.Unescape(m.To.Uri.User!));
        Assert.Equal("I have spaces", UriEscaping.Unescape(m.From.Uri.User!));
        var contact = Assert.Single(m.Contacts).Uri!;
        Assert.Equal("caller", UriEscaping.Unescape(contact.User!));
        Assert.True(contact.Parameters.Contains("%6C%72"));

        // RFC 4475: "value%41" is not "valueA"; unescaping is never recursive.
        Assert.Equal("v%61lue%25%34%31", contact.Parameters["n%61me"]);
        Assert.Equal("value%41", UriEscaping.Unescape(contact.Parameters["n%61me"]!));
    }

    [Fact]
    public void Escnull_EscapedNulls_DoNotShortenTheUser()
    {
        using var m = Parse("escnull").Message!;

        Assert.Equal("null-\0-null", UriEscaping.Unescape(m.To.Uri.User!));
        Assert.Equal(["%00", "%00%00"], m.Contacts.Select(c => c.Uri!.User!).ToArray());
        Assert.Equal(2, UriEscaping.Unescape(m.Contacts[1].Uri!.User!).Length);
    }

    [Fact]
    public void Esc02_PercentOutsideEscapedProductions_IsLiteral()
    {
        using var m = (SipRequest)Parse("esc02").Message!;

        Assert.Equal("RE%47IST%45R", m.Method.Name);
        Assert.NotEqual(SipMethod.Register, m.Method);
        Assert.Equal("%Z%45", m.To.DisplayName);
        Assert.Equal(["alias1", "alias3"], m.Contacts.Select(c => c.Uri!.User!).ToArray());
        Assert.Equal("<sip:alias2@host2.example.com>", m.GetHeaderString("C%6Fntact"));
        Assert.Equal("z9hG4bK209%fzsnel234", m.TopVia!.Branch);
    }

    [Fact]
    public void Lwsdisp_NoSpaceBeforeAngle_DisplayNameRead()
    {
        using var m = Parse("lwsdisp").Message!;

        Assert.Equal("caller", m.From.DisplayName);
        Assert.Equal("323", m.From.Tag);
    }

    [Fact]
    public void Longreq_LongValuesAndManyVias_AllRead()
    {
        using var m = Parse("longreq").Message!;

        Assert.Equal(34, m.Vias.Count);
        Assert.Equal("sip33.example.com", m.Vias[0].Host);
        Assert.Equal("sip1.example.com", m.Vias[32].Host);
        Assert.Equal("192.0.2.5", m.Vias[33].Received);
        Assert.Equal(6000, m.To.Uri.Port);
        Assert.Equal("shortvalue", m.To.Uri.Parameters["longparam" + string.Concat(Enumerable.Repeat("name", 25))]);
        Assert.Equal("12" + string.Concat(Enumerable.Repeat("982", 50)) + "424", m.From.Tag);
        Assert.Equal("longreq.one" + string.Concat(Enumerable.Repeat("really", 20)) + "longcallid", m.CallId);
    }

    [Fact]
    public void Dblreq_ExtraOctetsAfterBody_Ignored()
    {
        var bytes = MessageCorpus.Load("rfc4475/dblreq.sip");

        using var m = (SipRequest)_parser.ParseDatagram(bytes.AsMemory()).Message!;

        Assert.Equal(SipMethod.Register, m.Method);
        Assert.Equal(0, m.Body.Length);
        Assert.True(m.Bytes.Length < bytes.Length);
        Assert.DoesNotContain("INVITE", m.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Semiuri_SemicolonInUserPart_BelongsToTheUser()
    {
        using var m = (SipRequest)Parse("semiuri").Message!;

        Assert.Equal("user;par=u%40example.net", m.RequestUri.User);
        Assert.Equal("user;par=u@example.net", UriEscaping.Unescape(m.RequestUri.User!));
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Empty(m.RequestUri.Parameters);
        Assert.Equal(6, m.GetHeaderValues(KnownHeader.Accept).Count);
    }

    [Fact]
    public void Transports_EveryTransportToken_Kept()
    {
        using var m = Parse("transports").Message!;

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport).ToArray());
    }

    [Fact]
    public void Mpart01_BinaryMultipartBody_FramedByContentLength()
    {
        var binary = new byte[] { 0x30, 0x82, 0x00, 0x00, 0x0D, 0x0A, 0x0D, 0x0A, 0xFF, 0x00, 0x2D, 0x2D };
        var body = Concat(
            "--7a9cbec02ceef655\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n\r\nHello\r\n",
            "--7a9cbec02ceef655\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n",
            binary,
            "\r\n--7a9cbec02ceef655--\r\n");
        var bytes = Concat(
            "MESSAGE sip:kumiko@example.org SIP/2.0\r\n",
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;rport\r\n",
            "Max-Forwards: 70\r\nRoute: <sip:127.0.0.1:5080>\r\nContact: <sip:fluffy@127.0.0.1:5070>\r\n",
            "To: <sip:kumiko@example.org>\r\nFrom: <sip:fluffy@example.com>;tag=2fb0dcc9\r\n",
            "Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..\r\nCSeq: 1 MESSAGE\r\n",
            "Content-Transfer-Encoding: binary\r\nContent-Type: multipart/mixed;boundary=7a9cbec02ceef655\r\n",
            "Date: Sat, 15 Oct 2005 04:44:56 GMT\r\nUser-Agent: SIPimp.org/0.2.5 (curses)\r\n",
            $"Content-Length: {body.Length}\r\n\r\n",
            body);

        using var m = _parser.ParseStream(bytes.AsMemory()).Message!;

        Assert.Equal(body, m.Body.ToArray());
        Assert.Equal(5070, m.TopVia!.Port);
        Assert.True(m.TopVia.HasRPort);
        Assert.Equal("SIPimp.org/0.2.5 (curses)", m.UserAgent);
        Assert.Null(m.Validate());
    }

    [Fact]
    public void Unreason_Utf8ReasonPhrase_Decoded()
    {
        var reason = Concat("= 2**3 * 5**2 ", Hex(
            "D0BDD0BE20D181D182D0BE20D0B4D0B5D0B2D18FD0BDD0BED181D182D0BE20D0B4D0B5D0B2D18FD182D18C202D20D0BFD180D0BED181D182D0BED0B5"));
        var bytes = Concat("SIP/2.0 200 ", reason, "\r\n",
            "Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923\r\nCall-ID: unreason.1234ksdfak3j2erwedfsASdf\r\n",
            "CSeq: 35 INVITE\r\nFrom: sip:user@example.com;tag=11141343\r\nTo: sip:user@example.edu;tag=2229\r\n",
            "Content-Length: 0\r\nContact: <sip:user@host198.example.com>\r\n\r\n");

        using var m = (SipResponse)_parser.ParseDatagram(bytes.AsMemory()).Message!;

        Assert.Equal(200, m.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", m.ReasonPhrase);
        Assert.Equal(reason, m.ReasonPhraseSpan.ToArray());
    }

    [Fact]
    public void Noreason_EmptyReasonPhrase_Accepted()
    {
        using var m = (SipResponse)Parse("noreason").Message!;

        Assert.Equal(100, m.StatusCode);
        Assert.Equal(string.Empty, m.ReasonPhrase);
    }

    [Fact]
    public void ContactParameters_AddrSpecVersusNameAddr_BelongToHeaderOrUri()
    {
        using var cparam01 = Parse("cparam01").Message!;
        using var cparam02 = Parse("cparam02").Message!;

        Assert.Empty(cparam01.Contacts[0].Uri!.Parameters);
        Assert.True(cparam01.Contacts[0].Address!.Parameters.Contains("unknownparam"));
        Assert.True(cparam02.Contacts[0].Uri!.Parameters.Contains("unknownparam"));
        Assert.Empty(cparam02.Contacts[0].Address!.Parameters);
    }

    [Fact]
    public void Regescrt_EscapedRouteInBracketedContact_KeptAsUriHeader()
    {
        using var m = Parse("regescrt").Message!;

        Assert.Equal("%3Csip:sip.example.com%3E", Assert.Single(m.Contacts).Uri!.Headers["Route"]);
    }

    [Fact]
    public void Regbadct_EscapedHeaderInUnbracketedContact_FailsValidationWith400()
    {
        using var m = Parse("regbadct").Message!;

        var error = m.Validate();

        Assert.NotNull(error);
        Assert.Equal("Contact", error.Value.Header);
        Assert.Equal(400, error.Value.StatusCode);
    }

    [Fact]
    public void Scalar02_ExpiresOutOfRange_AlsoCaughtByValidation()
    {
        var text = Encoding.ASCII.GetString(MessageCorpus.Load("rfc4475/scalar02.sip"))
            .Replace("36893488147419103232", "7", StringComparison.Ordinal).Replace("Max-Forwards: 300", "Max-Forwards: 30", StringComparison.Ordinal);

        using var m = _parser.ParseDatagram(Encoding.ASCII.GetBytes(text).AsMemory()).Message!;

        Assert.Equal("Expires", m.Validate()!.Value.Header);
        Assert.Null(m.Expires);
    }

    [Fact]
    public void OtherValidMessages_SpecificValues_AsDescribed()
    {
        using var regaut = Parse("regaut01").Message!;
        using var unksm2 = Parse("unksm2").Message!;
        using var zeromf = Parse("zeromf").Message!;
        using var inv2543 = Parse("inv2543").Message!;
        using var bcast = Parse("bcast").Message!;
        using var badbranch = Parse("badbranch").Message!;
        using var bext01 = Parse("bext01").Message!;

        Assert.Equal("NoOneKnowsThisScheme opaque-data=here", Assert.Single(regaut.Authorization));
        Assert.Equal(("isbn", "http", "name"), (unksm2.To.Uri.SchemeName, unksm2.From.Uri.SchemeName, unksm2.Contacts[0].Uri!.SchemeName));
        Assert.Equal(0, zeromf.MaxForwards);
        Assert.Null(inv2543.TopVia!.Branch);
        Assert.Null(inv2543.MaxForwards);
        Assert.Equal(inv2543.Body.Length, inv2543.ContentLength);
        Assert.Equal("255.255.255.255", bcast.Vias[1].Host);
        Assert.Equal("z9hG4bK", badbranch.TopVia!.Branch);
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], bext01.Require);
    }

    [Fact]
    public void Clerr_OverStream_WaitsForTheMissingBody()
    {
        var result = _parser.ParseStream(MessageCorpus.Load("rfc4475/clerr.sip").AsMemory());

        Assert.Equal(SipParseStatus.NeedMoreData, result.Status);
    }

    private SipParseResult Parse(string name) => _parser.ParseDatagram(MessageCorpus.Load($"rfc4475/{name}.sip").AsMemory());

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p is string s ? Encoding.Latin1.GetBytes(s) : (byte[])p).ToArray();
}
