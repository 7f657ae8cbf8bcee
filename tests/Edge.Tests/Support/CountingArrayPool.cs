using System.Buffers;

namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// An array pool that counts what is rented and not yet returned, so a test can see what a component holds while
/// idle. <see cref="Hold"/> parks the next renters until <see cref="Release"/>, so a test can queue datagrams behind
/// a receive loop that has been woken but has not yet taken anything.
/// </summary>
public sealed class CountingArrayPool : ArrayPool<byte>
{
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(10);
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly SemaphoreSlim _parked = new(0);
    private int _outstanding;
    private int _rented;
    private int _failNext;

    /// <summary>Arrays rented and not returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Arrays rented since the pool was made.</summary>
    public int Rented => Volatile.Read(ref _rented);

    public void Hold() => _open.Reset();

    /// <summary>The next rent throws, as an unexpected fault in a renter would.</summary>
    public void FailNextRent() => Volatile.Write(ref _failNext, 1);

    public void Release() => _open.Set();

    /// <summary>Completes when a renter is parked by <see cref="Hold"/>; false if none came within <paramref name="wait"/>.</summary>
    public Task<bool> WaitForParkedAsync(TimeSpan wait) => _parked.WaitAsync(wait);

    public override byte[] Rent(int minimumLength)
    {
        if (!_open.IsSet)
        {
            _parked.Release();

            // Bounded, so a test that forgets to release fails instead of hanging a pool thread for good.
            _open.Wait(HoldLimit);
        }

        if (Interlocked.Exchange(ref _failNext, 0) == 1)
        {
            throw new InvalidOperationException("A rent made to fail by the test.");
        }

        Interlocked.Increment(ref _rented);
        Interlocked.Increment(ref _outstanding);
        return new byte[minimumLength];
    }

    public override void Return(byte[] array, bool clearArray = false) => Interlocked.Decrement(ref _outstanding);
}
