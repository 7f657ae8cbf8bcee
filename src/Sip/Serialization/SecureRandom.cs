using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Switchboard.Sip;

/// <summary>
/// The OS CSPRNG's bytes, drawn a block at a time per thread. A call takes about ten random values (tags, branches,
/// Call-IDs, the SDP session id, the RTP port), and each <see cref="RandomNumberGenerator"/> call on Linux goes
/// through OpenSSL's generator with a lock and a getpid system call (its fork check): buffering makes that one
/// call per block. The bytes are the same CSPRNG output, used once each.
/// </summary>
public static class SecureRandom
{
    private const int BlockSize = 512;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_used;

    /// <summary>Fills <paramref name="destination"/> with cryptographically strong random bytes.</summary>
    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BlockSize / 4)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        var block = t_block;
        if (block is null || t_used + destination.Length > BlockSize)
        {
            block = t_block ??= new byte[BlockSize];
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }

        var taken = block.AsSpan(t_used, destination.Length);
        taken.CopyTo(destination);
        // Wiped as it is handed out, so no value stays readable in the block after use.
        taken.Clear();
        t_used += destination.Length;
    }

    /// <summary>A uniform integer in [0, <paramref name="toExclusive"/>), like <see cref="RandomNumberGenerator.GetInt32(int)"/>.</summary>
    public static int GetInt32(int toExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toExclusive, 1);
        if (toExclusive == 1)
        {
            return 0;
        }

        // Rejection sampling under a power-of-two mask: no modulo bias.
        var mask = uint.MaxValue >> BitOperations.LeadingZeroCount((uint)(toExclusive - 1));
        Span<byte> bytes = stackalloc byte[4];
        uint value;
        do
        {
            Fill(bytes);
            value = BinaryPrimitives.ReadUInt32LittleEndian(bytes) & mask;
        }
        while (value >= (uint)toExclusive);

        return (int)value;
    }

    /// <summary>A uniform non-negative 63-bit integer.</summary>
    public static long GetInt63()
    {
        Span<byte> bytes = stackalloc byte[8];
        Fill(bytes);
        return (long)(BinaryPrimitives.ReadUInt64LittleEndian(bytes) >> 1);
    }
}
