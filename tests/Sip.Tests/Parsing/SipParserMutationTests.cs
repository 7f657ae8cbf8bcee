using System.Buffers;
using Switchboard.Sip.Sdp;
using Switchboard.Sip.Tests.Corpus;

namespace Switchboard.Sip.Tests.Parsing;

/// <summary>
/// Seeded, bounded mutation harness over every parser entry point. Contract: whatever the bytes, no exception
/// escapes, only typed results come back, and the configured limits hold for anything accepted.
/// </summary>
public class SipParserMutationTests
{
    private const int Iterations = 50_000;

    private static readonly SipParserLimits Limits = new() { MaxMessageSize = 4096, MaxHeaderCount = 48, MaxHeaderLineLength = 1024 };

    [Fact]
    public void AllEntryPoints_MutatedValidMessages_ReturnTypedResultsWithinLimits()
    {
        var parser = new SipParser(Limits);
        var seeds = Seeds();
        var random = new Random(4475);
        var counts = new Dictionary<SipParseStatus, int>();

        for (int i = 0; i < Iterations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], random);
            int split = input.Length == 0 ? 0 : random.Next(input.Length);
            Check(parser.ParseDatagram(input.AsMemory()), input.Length, counts);
            Check(parser.ParseDatagram(input.AsSpan()), input.Length, counts);
            Check(parser.ParseStream(input.AsMemory()), input.Length, counts);
            Check(parser.ParseStream(Segments.Split(input, split)), input.Length, counts);
        }

        // The mutations must reach every outcome, or the harness is not testing much.
        Assert.True(counts.GetValueOrDefault(SipParseStatus.Complete) > 1000, "too few complete parses");
        Assert.True(counts.GetValueOrDefault(SipParseStatus.Invalid) > 1000, "too few rejections");
        Assert.True(counts.GetValueOrDefault(SipParseStatus.NeedMoreData) > 100, "too few incomplete stream inputs");
    }

    private static void Check(SipParseResult result, int inputLength, Dictionary<SipParseStatus, int> counts)
    {
        Assert.True(Enum.IsDefined(result.Status));
        counts[result.Status] = counts.GetValueOrDefault(result.Status) + 1;
        Assert.InRange(result.Consumed, 0, inputLength);
        switch (result.Status)
        {
            case SipParseStatus.Complete:
                Assert.NotNull(result.Message);
                break;
            case SipParseStatus.Invalid:
                Assert.True(Enum.IsDefined(result.Error.Reason) && result.Error.Reason != SipParseErrorReason.None);
                Assert.Equal(result.Error.CanRespond, result.Message is not null);
                if (result.Message is null)
                {
                    return;
                }

                break;
            default:
                Assert.Null(result.Message);
                return;
        }

        using var message = result.Message!;
        Assert.InRange(message.Bytes.Length, 1, Limits.MaxMessageSize);
        Assert.InRange(message.HeaderCount, 0, Limits.MaxHeaderCount);
        Exercise(message);
        if (result.Status == SipParseStatus.Invalid)
        {
            Assert.NotEmpty(SipResponseBuilder.ForRejection((SipRequest)message, result.Error).WithToTag("x").ToArray());
        }
    }

    /// <summary>Every accessor must cope with whatever the parser let through.</summary>
    private static void Exercise(SipMessage m)
    {
        _ = (m.CallId, m.CSeq, m.From, m.To, m.Vias, m.TopVia, m.Contacts, m.Routes, m.RecordRoutes, m.Paths);
        _ = (m.MaxForwards, m.Expires, m.MinExpires, m.RetryAfter, m.ContentType, m.ContentLength, m.UserAgent);
        _ = (m.Supported, m.Allow, m.Authorization, m.Validate(), m.ToString());
        for (int i = 0; i < m.HeaderCount; i++)
        {
            _ = m.GetHeader(i).ValueString;
        }

        if (m is SipRequest request)
        {
            _ = request.RequestUri.ToString();
            _ = request.Edit().RemoveTopVia().SetTopViaSource("192.0.2.1", 5060).SetMaxForwards(69).ToArray();
        }
        else
        {
            _ = ((SipResponse)m).ReasonPhrase;
        }

        _ = SdpSession.TryParse(m.Body.Span, out _, out _);
    }

    private static byte[][] Seeds()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.sip", SearchOption.AllDirectories);
        return files.Select(File.ReadAllBytes).ToArray();
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        int rounds = random.Next(1, 4);
        for (int r = 0; r < rounds && bytes.Count > 0; r++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: // flip bits
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // replace with a byte the grammar cares about
                    bytes[at] = "\r\n :;,<>\"\\@=%/\t\0"u8[random.Next(16)];
                    break;
                case 2: // truncate
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3: // delete a run
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 4: // inflate: repeat a slice many times
                    int length = Math.Min(random.Next(1, 80), bytes.Count - at);
                    var slice = bytes.GetRange(at, length);
                    int times = random.Next(2, 200);
                    for (int t = 0; t < times; t++)
                    {
                        bytes.InsertRange(at, slice);
                    }

                    break;
                case 5: // inflate: random bytes
                    var noise = new byte[random.Next(1, 600)];
                    random.NextBytes(noise);
                    bytes.InsertRange(at, noise);
                    break;
                default: // duplicate a whole line
                    int lineStart = bytes.LastIndexOf((byte)'\n', at) + 1;
                    int lineEnd = bytes.IndexOf((byte)'\n', at);
                    if (lineEnd > lineStart)
                    {
                        bytes.InsertRange(lineStart, bytes.GetRange(lineStart, lineEnd - lineStart + 1));
                    }

                    break;
            }
        }

        return bytes.ToArray();
    }
}
