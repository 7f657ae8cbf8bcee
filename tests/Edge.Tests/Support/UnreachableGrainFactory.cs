using System.Reflection;
using Orleans.Runtime;

namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// A cluster that never answers: every grain method returns a task that does not complete, as when all silos
/// are gone and a call waits for its response timeout.
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

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => (IGrain)DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => (IGrain)DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => (IGrain)DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => (IGrain)DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => (IGrain)DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey) => (IAddressable)DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey, string grainClassNamePrefix) => (IAddressable)DispatchProxy.Create(grainInterfaceType, typeof(SilentGrain));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable => Silent<TGrainInterface>();

    public IAddressable GetGrain(GrainId grainId) => (IAddressable)DispatchProxy.Create(typeof(IGrain), typeof(SilentGrain));

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => (IAddressable)DispatchProxy.Create(typeof(IGrain), typeof(SilentGrain));

    private static T Silent<T>() => (T)DispatchProxy.Create(typeof(T), typeof(SilentGrain));
}
