using BenchmarkDotNet.Attributes;
using Switchboard.Grains.Rating;

namespace Switchboard.Billing.Benchmarks;

/// <summary>Longest-prefix match on a 100k-prefix deck, and loading such a deck from CSV.</summary>
[MemoryDiagnoser]
[InProcess]
public class RateDeckBenchmarks
{
    private const int Lookups = 1024;
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private string _csv = "";
    private RateDeck _deck = RateDeck.Empty;
    private string[] _numbers = [];

    [GlobalSetup]
    public void Setup()
    {
        _csv = SyntheticDeck.Csv(100_000);
        _deck = RateDeck.Create(RateDeckCsv.Parse(new StringReader(_csv)).Entries);
        _numbers = SyntheticDeck.Numbers(Lookups);
    }

    /// <summary>Per lookup: one E.164 number of 11–13 digits against 100,000 prefixes.</summary>
    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Match100kDeck()
    {
        var found = 0;
        foreach (var number in _numbers)
        {
            if (_deck.Match(number, At) is not null)
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>Parse and validate 100,000 CSV rows, then build the trie.</summary>
    [Benchmark]
    public int Load100kDeckFromCsv()
    {
        var parsed = RateDeckCsv.Parse(new StringReader(_csv));
        return RateDeck.Create(parsed.Entries).NodeCount;
    }
}
