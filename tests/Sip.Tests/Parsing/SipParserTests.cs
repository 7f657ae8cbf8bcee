using System.Buffers;
using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Parsing;

public class SipParserTests
{
    private readonly SipParser _parser = new();

    [Fact]
    public void ParseDatagram_TypicalInvite_IndexesStartLineAndMandatoryHeaders()
    {
        var result = _parser.ParseDatagram(MessageCorpus.Invite.AsMemory());

        Assert.Equal(SipParseStatus.Complete, result.Status);
        using var request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal(SipMethod.Invite, request.Method);
        Assert.Equal("+14155550123", request.RequestUri.User);
        Assert.Equal("sip.carrier.example.net", request.RequestUri.Host);
        Assert.Equal("phone", request.RequestUri.Parameters["user"]);
        Assert.Equal("6a4c1e88b2f34d0f9e71c3a5d2b80f14@198.51.100.23", request.CallId);
        Assert.Equal(new CSeqHeader(101, SipMethod.Invite), request.CSeq);
        Assert.Equal("8d1f7a2c-4b5e", request.From.Tag);
        Assert.Equal("Front Desk", request.From.DisplayName);
        Assert.Null(request.To.Tag);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal(request.Body.Length, request.ContentLength);
        Assert.StartsWith("v=0", System.Text.Encoding.ASCII.GetString(request.Body.Span));
    }

    [Fact]
    public void ParseDatagram_TopVia_ExposesBranchAndRPortFlag()
    {
        using var request = (SipRequest)_parser.ParseDatagram(MessageCorpus.Invite.AsMemory()).Message!;

        var via = Assert.Single(request.Vias);
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("198.51.100.23", via.Host);
        Assert.Equal(5060, via.Port);
        Assert.Equal("z9hG4bK4f3c2a91e7b04d6e", via.Branch);
        Assert.True(via.HasRPort);
        Assert.Null(via.RPort);
    }

    [Fact]
    public void TopViaBranchSpan_Invite_MatchesTypedBranch()
    {
        using var request = _parser.ParseDatagram(MessageCorpus.Invite.AsMemory()).Message!;

        Assert.Equal("z9hG4bK4f3c2a91e7b04d6e", System.Text.Encoding.ASCII.GetString(request.TopViaBranchSpan));
    }

    [Fact]
    public void ParseDatagram_Response_ReadsStatusAndRecordRouteList()
    {
        using var response = Assert.IsType<SipResponse>(_parser.ParseDatagram(MessageCorpus.OkWithSdp.AsMemory()).Message);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(2, response.RecordRoutes.Count);
        Assert.True(response.RecordRoutes[0].Uri.LooseRouting);
        Assert.Equal("203.0.113.11", response.RecordRoutes[1].Uri.Host);
        Assert.Equal(5060, response.TopVia!.RPort);
        Assert.Equal("198.51.100.23", response.TopVia.Received);
        Assert.Equal("Kp5Xr0vB2mN8a", response.To.Tag);
    }

    [Fact]
    public void ParseStream_EveryPrefixOfAMessage_NeedsMoreDataWithoutConsuming()
    {
        var bytes = MessageCorpus.Register;
        for (int length = 0; length < bytes.Length; length++)
        {
            var result = _parser.ParseStream(bytes.AsMemory(0, length));
            Assert.True(result.Status is SipParseStatus.NeedMoreData, $"prefix {length}: {result}");
            Assert.Equal(0, result.Consumed);
        }

        using var complete = _parser.ParseStream(bytes.AsMemory()).Message;
        Assert.NotNull(complete);
    }

    [Fact]
    public void ParseStream_TwoPipelinedMessages_ConsumesOnlyTheFirst()
    {
        var first = MessageCorpus.Register;
        var both = first.Concat(MessageCorpus.Invite).ToArray();

        var result = _parser.ParseStream(both.AsMemory());

        Assert.Equal(first.Length, result.Consumed);
        using var second = _parser.ParseStream(both.AsMemory(result.Consumed)).Message;
        Assert.Equal(SipMethod.Invite, ((SipRequest)second!).Method);
        result.Message!.Dispose();
    }

    [Fact]
    public void ParseStream_SplitSequence_ParsesAcrossSegmentsAndOwnsTheCopy()
    {
        var bytes = MessageCorpus.Invite;
        var sequence = Segments.Split(bytes, bytes.Length / 3);

        var result = _parser.ParseStream(sequence);

        Assert.Equal(SipParseStatus.Complete, result.Status);
        Assert.Equal(bytes.Length, result.Consumed);
        using var message = result.Message!;
        Array.Clear(bytes);
        Assert.Equal("6a4c1e88b2f34d0f9e71c3a5d2b80f14@198.51.100.23", message.CallId);
    }

    [Fact]
    public void ParseStream_LeadingKeepAliveCrlf_ReportedAsKeepAlive()
    {
        var result = _parser.ParseStream("\r\n\r\n"u8.ToArray().AsMemory());

        Assert.Equal(SipParseStatus.KeepAlive, result.Status);
        Assert.Equal(4, result.Consumed);
    }

    [Fact]
    public void ParseStream_MissingContentLength_RejectedWith400()
    {
        var text = System.Text.Encoding.ASCII.GetString(MessageCorpus.Register).Replace("Content-Length: 0\r\n", "", StringComparison.Ordinal);

        var result = _parser.ParseStream(System.Text.Encoding.ASCII.GetBytes(text).AsMemory());

        Assert.Equal(SipParseStatus.Invalid, result.Status);
        Assert.Equal(SipParseErrorReason.MissingContentLength, result.Error.Reason);
        Assert.Equal(400, result.Error.StatusCode);
        result.Message!.Dispose();
    }

    [Fact]
    public void ParseDatagram_OverMessageSizeLimit_RejectedBeforeParsing()
    {
        var parser = new SipParser(new SipParserLimits { MaxMessageSize = 512 });

        var result = parser.ParseDatagram(MessageCorpus.Invite.AsMemory());

        Assert.Equal(SipParseErrorReason.MessageTooLarge, result.Error.Reason);
        Assert.False(result.Error.CanRespond);
        Assert.Null(result.Message);
    }

    [Fact]
    public void ParseDatagram_TooManyHeaders_Rejected()
    {
        var parser = new SipParser(new SipParserLimits { MaxHeaderCount = 8 });

        var result = parser.ParseDatagram(MessageCorpus.Invite.AsMemory());

        Assert.Equal(SipParseErrorReason.TooManyHeaders, result.Error.Reason);
        Assert.True(result.Error.IsLimit);
    }

    [Fact]
    public void ParseDatagram_CompactFormsAndFolding_ReadLikeLongForms()
    {
        var bytes = MessageCorpus.Crlf("""
            OPTIONS sip:bob@example.com SIP/2.0
            v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa1
            f: <sip:alice@example.com>
             ;tag=abc
            t: sip:bob@example.com
            i: c1@192.0.2.1
            CSeq: 7 OPTIONS
            l: 0

            """);

        using var request = (SipRequest)_parser.ParseDatagram(bytes.AsMemory()).Message!;

        Assert.Equal("abc", request.From.Tag);
        Assert.Equal("bob", request.To.Uri.User);
        Assert.Equal("c1@192.0.2.1", request.CallId);
        Assert.Equal(0, request.ContentLength);
        Assert.True(request.TryGetHeader("Call-ID", out _));
    }

    [Fact]
    public void ParseDatagram_CSeqMethodMismatch_RespondableWith400()
    {
        var bytes = MessageCorpus.Crlf("""
            OPTIONS sip:bob@example.com SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa1
            From: <sip:alice@example.com>;tag=abc
            To: <sip:bob@example.com>
            Call-ID: c1@192.0.2.1
            CSeq: 7 INVITE
            Content-Length: 0

            """);

        var result = _parser.ParseDatagram(bytes.AsMemory());

        Assert.Equal(SipParseErrorReason.CSeqMethodMismatch, result.Error.Reason);
        Assert.True(result.Error.CanRespond);
        using var rejected = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal("c1@192.0.2.1", rejected.CallId);
    }

    [Fact]
    public void ParseDatagram_MissingCallId_DroppedNotAnswered()
    {
        var bytes = MessageCorpus.Crlf("""
            OPTIONS sip:bob@example.com SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa1
            From: <sip:alice@example.com>;tag=abc
            To: <sip:bob@example.com>
            CSeq: 7 OPTIONS
            Content-Length: 0

            """);

        var result = _parser.ParseDatagram(bytes.AsMemory());

        Assert.Equal(SipParseErrorReason.MissingCallId, result.Error.Reason);
        Assert.False(result.Error.CanRespond);
        Assert.Null(result.Message);
    }
}
