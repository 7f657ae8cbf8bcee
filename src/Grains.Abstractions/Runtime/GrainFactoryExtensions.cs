using Orleans.Runtime;

namespace Switchboard.Grains.Runtime;

/// <summary>
/// Grain references for the call path. Orleans' <c>GetGrain&lt;T&gt;(key)</c> resolves the interface's grain type on
/// every call: it reads the interface's custom attributes and formats and parses its type name, which measured
/// 27 KB of garbage per call (an eighth of all the call path allocated) plus reflection on every reference. The
/// types are resolved once per interface here; a reference is then a <see cref="GrainId"/> and a lookup.
/// A factory that is not Orleans' own (a test's stand-in) gets the plain <c>GetGrain</c>.
/// </summary>
public static class GrainFactoryExtensions
{
    public static TGrain Grain<TGrain>(this IGrainFactory factory, string key)
        where TGrain : IGrainWithStringKey
    {
        return GrainTypes<TGrain>.Resolve(factory) is { } types
            && factory.GetGrain(GrainId.Create(types.Grain, key), types.Interface) is TGrain grain
            ? grain
            : factory.GetGrain<TGrain>(key);
    }

    public static TGrain Grain<TGrain>(this IGrainFactory factory, long key)
        where TGrain : IGrainWithIntegerKey
    {
        return GrainTypes<TGrain>.Resolve(factory) is { } types
            && factory.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Interface) is TGrain grain
            ? grain
            : factory.GetGrain<TGrain>(key);
    }

    /// <summary>One interface's grain type and Orleans interface type, resolved by Orleans once per process.</summary>
    private static class GrainTypes<TGrain>
        where TGrain : IGrain
    {
        // One object, so a reader sees both halves or neither; two threads resolving at once store equal values.
        private static ResolvedTypes? s_resolved;

        internal static ResolvedTypes? Resolve(IGrainFactory factory)
        {
            if (s_resolved is { } known)
            {
                return known;
            }

            var probe = typeof(IGrainWithIntegerKey).IsAssignableFrom(typeof(TGrain))
                ? factory.GetGrain(typeof(TGrain), 0L)
                : factory.GetGrain(typeof(TGrain), "probe");
            return probe is GrainReference reference ? s_resolved = new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType) : null;
        }
    }

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);
}
