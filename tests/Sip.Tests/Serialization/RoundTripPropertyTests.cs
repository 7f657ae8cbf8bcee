using System.Buffers;
using System.Text;

namespace Switchboard.Sip.Tests.Serialization;

/// <summary>
/// Property: for generated variations of valid messages (header order, compact or long names, name case, LWS,
/// folding, list vs repeated lines, unknown headers, bodies), parse then write is byte-identical, an edit with no
/// changes keeps every value, and builder output parses back to the values that went in.
/// </summary>
public class RoundTripPropertyTests
{
    private const int Cases = 2_000;
    private readonly SipParser _parser = new();

    [Fact]
    public void ParseThenWrite_GeneratedValidMessages_ByteIdenticalAndValuesStable()
    {
        var random = new Random(3261);
        for (int i = 0; i < Cases; i++)
        {
            var spec = MessageSpec.Random(random);
            var bytes = spec.Render(random);

            var result = _parser.ParseDatagram(bytes.AsMemory());
            Assert.True(result.IsComplete, $"case {i}: {result}\n{Encoding.UTF8.GetString(bytes)}");
            using var message = result.Message!;
            var written = new ArrayBufferWriter<byte>();
            message.WriteTo(written);
            Assert.Equal(bytes, written.WrittenSpan.ToArray());
            spec.AssertMatches(message);

            // An edit with nothing to change writes the same values (whitespace and folding may be normalised).
            using var again = _parser.ParseDatagram(message.Edit().ToArray().AsMemory()).Message!;
            spec.AssertMatches(again);
        }
    }

    [Fact]
    public void RequestBuilder_GeneratedRequests_ParseBackToTheSameValues()
    {
        var random = new Random(3264);
        for (int i = 0; i < Cases; i++)
        {
            var spec = MessageSpec.Random(random);
            var builder = new SipRequestBuilder(spec.Method, SipUri.Parse($"sip:{spec.User}@{spec.Host}"))
                .AddVia(spec.Transport, spec.Host, spec.Port, spec.Branch)
                .WithFrom(new NameAddress(SipUri.Parse($"sip:a{i}@example.com"), spec.DisplayName) { Tag = spec.FromTag })
                .WithTo(NameAddress.Parse($"<sip:{spec.User}@{spec.Host}>"))
                .WithCallId(spec.CallId)
                .WithCSeq(spec.CSeq);
            foreach (var (name, value) in spec.Unknown)
            {
                builder.AddHeader(name, value);
            }

            builder.WithBody(spec.Body, "text/plain");
            using var parsed = builder.Build();

            spec.AssertMatches(parsed);
            Assert.Equal(spec.DisplayName, parsed.From.DisplayName);
        }
    }

    /// <summary>The values a generated message carries, and how to write them in many equivalent ways.</summary>
    private sealed record MessageSpec(
        SipMethod Method, string User, string Host, int? Port, string Transport, string Branch, string FromTag,
        string? DisplayName, string CallId, long CSeq, int ExtraVias, List<(string Name, string Value)> Unknown, byte[] Body)
    {
        private static readonly SipMethod[] Methods = [SipMethod.Invite, SipMethod.Options, SipMethod.Register, SipMethod.Bye, SipMethod.Message, SipMethod.Parse("FOO")];

        public static MessageSpec Random(Random r)
        {
            var unknown = Enumerable.Range(0, r.Next(4)).Select(k => ($"X-Gen{k}-{r.Next(1000)}", $"v{r.Next()};p={r.Next(9)}, other")).ToList();
            var body = Encoding.ASCII.GetBytes(new string('b', r.Next(0, 3) == 0 ? 0 : r.Next(1, 300)));
            return new MessageSpec(
                Methods[r.Next(Methods.Length)], $"u{r.Next(10_000)}", $"h{r.Next(100)}.example.net", r.Next(2) == 0 ? null : r.Next(1, 65536),
                r.Next(2) == 0 ? "UDP" : "TCP", SipIdGenerator.NewBranch(), SipIdGenerator.NewTag(),
                r.Next(3) == 0 ? null : $"Caller {r.Next(100)}", SipIdGenerator.NewCallId("example.net"), r.Next(1, int.MaxValue),
                r.Next(3), unknown, body);
        }

        public byte[] Render(Random r)
        {
            var lines = new List<string>
            {
                $"{Name(r, "Via", "v")}:{Ws(r)}SIP/2.0/{Transport} {Host}{(Port is int p ? ":" + p : "")};branch={Branch}"
                    + string.Concat(Enumerable.Range(0, ExtraVias).Select(k => $",{Ws(r)}SIP/2.0/UDP proxy{k}.example.org;branch=z9hG4bKx{k}")),
                $"{Name(r, "From", "f")}:{Ws(r)}{(DisplayName is null ? "" : $"\"{DisplayName}\" ")}<sip:a@example.com>{Fold(r)};tag={FromTag}",
                $"{Name(r, "To", "t")}:{Ws(r)}<sip:{User}@{Host}>",
                $"{Name(r, "Call-ID", "i")}:{Ws(r)}{CallId}",
                $"{Name(r, "CSeq", null)}:{Ws(r)}{CSeq}{Fold(r)} {Method.Name}",
                $"{Name(r, "Max-Forwards", null)}: 70",
            };
            lines.AddRange(Unknown.Select(u => $"{u.Name}:{Ws(r)}{u.Value}"));
            Shuffle(lines, r);
            lines.Add($"{Name(r, "Content-Length", "l")}:{Ws(r)}{Body.Length}");
            var head = $"{Method.Name} sip:{User}@{Host} SIP/2.0\r\n" + string.Join("\r\n", lines) + "\r\n\r\n";
            return [.. Encoding.ASCII.GetBytes(head), .. Body];
        }

        public void AssertMatches(SipMessage m)
        {
            var request = Assert.IsType<SipRequest>(m);
            Assert.Equal(Method, request.Method);
            Assert.Equal(User, request.RequestUri.User);
            Assert.Equal(CallId, m.CallId);
            Assert.Equal(new CSeqHeader(CSeq, Method), m.CSeq);
            Assert.Equal(FromTag, m.From.Tag);
            Assert.Equal(Branch, m.TopVia!.Branch);
            Assert.Equal(Port, m.TopVia.Port);
            Assert.Equal(Transport, m.TopVia.Transport);
            Assert.Equal(Body, m.Body.ToArray());
            foreach (var (name, value) in Unknown)
            {
                Assert.Equal(value, m.GetHeaderString(name));
            }
        }

        private static string Name(Random r, string name, string? compact)
        {
            if (compact is not null && r.Next(3) == 0)
            {
                return r.Next(2) == 0 ? compact : compact.ToUpperInvariant();
            }

            return r.Next(3) switch { 0 => name, 1 => name.ToLowerInvariant(), _ => name.ToUpperInvariant() } + (r.Next(5) == 0 ? " " : "");
        }

        private static string Ws(Random r) => r.Next(4) switch { 0 => "", 1 => " ", 2 => "   ", _ => "\t " };

        private static string Fold(Random r) => r.Next(4) == 0 ? "\r\n " : "";

        private static void Shuffle(List<string> list, Random r)
        {
            for (int i = list.Count - 1; i > 0; i--)
            {
                int j = r.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }
    }
}
