namespace Switchboard.Sip.Benchmarks.Messages;

/// <summary>Loads the captured-looking messages shared with tests/Sip.Tests/Corpus/messages.</summary>
internal static class BenchmarkMessages
{
    public static byte[] Load(string name)
    {
        using var stream = typeof(BenchmarkMessages).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded message '{name}' is missing.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
