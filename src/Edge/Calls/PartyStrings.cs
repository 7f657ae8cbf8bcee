using CommunityToolkit.HighPerformance.Buffers;

namespace Switchboard.Edge.Calls;

/// <summary>
/// One instance of each string that recurs from call to call and is kept for a call's whole length: a phone's
/// contact URI and address, an extension's number and URI, a carrier's target. Parsed anew from every INVITE, the
/// same values were held once per live call (about 500 bytes per call in the sipp benchmark, where every call has the
/// same parties). A bounded pool that forgets the least used strings, so numbers that never recur cost nothing.
/// </summary>
public static class PartyStrings
{
    private static readonly StringPool Pool = new(8192);

    public static string Share(string value) => Pool.GetOrAdd(value);

    public static string? ShareOrNull(string? value) => value is null ? null : Pool.GetOrAdd(value);
}
