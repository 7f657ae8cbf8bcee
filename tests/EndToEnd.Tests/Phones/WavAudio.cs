using System.Buffers.Binary;

namespace Switchboard.EndToEnd.Tests.Phones;

/// <summary>16-bit PCM WAV files: a test tone to send, and the level and length of what a phone recorded.</summary>
public static class WavAudio
{
    /// <summary>Writes <paramref name="seconds"/> of a 440 Hz tone, 8 kHz mono (G.711's rate), at a quarter of full scale.</summary>
    public static void WriteTone(string path, int seconds)
    {
        const int rate = 8000;
        var samples = rate * seconds;
        using var file = new BinaryWriter(File.Create(path));
        file.Write("RIFF"u8);
        file.Write(36 + (samples * 2));
        file.Write("WAVEfmt "u8);
        file.Write(16);
        file.Write((short)1); // PCM
        file.Write((short)1); // mono
        file.Write(rate);
        file.Write(rate * 2);
        file.Write((short)2);
        file.Write((short)16);
        file.Write("data"u8);
        file.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            file.Write((short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        }
    }

    /// <summary>The samples of a 16-bit PCM WAV file (its "data" chunk; other chunks skipped).</summary>
    public static short[] ReadSamples(string path)
    {
        var bytes = File.ReadAllBytes(path);
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (bytes.AsSpan(at, 4).SequenceEqual("data"u8))
            {
                var length = Math.Min(size, bytes.Length - at - 8) / 2;
                var samples = new short[length];
                for (var i = 0; i < length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 8 + (i * 2)));
                }

                return samples;
            }

            at += 8 + size + (size & 1);
        }

        return [];
    }

    /// <summary>Root mean square level of the samples (a 440 Hz tone at 8000 peak is about 5,600; silence 0).</summary>
    public static double Rms(short[] samples) =>
        samples.Length == 0 ? 0 : Math.Sqrt(samples.Average(s => (double)s * s));
}
