using CommunityToolkit.HighPerformance.Buffers;

namespace Switchboard.Edge.Calls;

/// <summary>
/// One instance of each string that recurs from call to call and is kept for a call's whole length: a caller's
/// number, name, URIs and address, a callee's contact. Parsed anew from every INVITE, the same values were held once
/// per live call (about 500 bytes per call in the sipp benchmark, where every call has the same parties). The pool
/// holds at most <see cref="Capacity"/> strings of at most <see cref="MaxLength"/> characters (about 2 MB), and
/// forgets the least used first; longer values are kept as they are, so a peer sending long unique headers cannot
/// make it large.
/// </summary>
public static class PartyStrings
{
    public const int Capacity = 8192;

    public const int MaxLength = 128;

    private static readonly StringPool Pool = new(Capacity);

    public static string Share(string value) => value.Length <= MaxLength ? Pool.GetOrAdd(value) : value;

    public static string? ShareOrNull(string? value) => value is null ? null : Share(value);
}
