using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Runtime;

namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// A cluster that never answers: every grain method returns a task that does not complete, as when all silos
/// are gone and a call waits for its response timeout. <see cref="Calls"/> records what the edge asked for, so a
/// test can prove a message never reached call control.
/// </summary>
public sealed class UnreachableGrainFactory : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidKey => Silent<TGrainInterface>();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerKey => Silent<TGrainInterface>();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithStringKey => Silent<TGrainInterface>();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithGuidCompoundKey => Silent<TGrainInterface>();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null) where TGrainInterface : IGrainWithIntegerCompoundKey => Silent<TGrainInterface>();

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver => (TGrainObserverInterface)obj;

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver
    {
    }

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => (IGrain)Silent(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => (IGrain)Silent(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => (IGrain)Silent(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => (IGrain)Silent(grainInterfaceType);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => (IGrain)Silent(grainInterfaceType);

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey) => (IAddressable)Silent(grainInterfaceType);

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey, string grainClassNamePrefix) => (IAddressable)Silent(grainInterfaceType);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable => Silent<TGrainInterface>();

    public IAddressable GetGrain(GrainId grainId) => (IAddressable)Silent(typeof(IGrain));

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => (IAddressable)Silent(typeof(IGrain));

    /// <summary>Every grain method called so far, as "IInterface.Method", in call order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    private T Silent<T>() => (T)Silent(typeof(T));

    private object Silent(Type grainInterfaceType)
    {
        var proxy = DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));
        ((SilentGrain)proxy).Calls = Calls;
        return proxy;
    }
}
