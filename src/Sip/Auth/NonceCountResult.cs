namespace Switchboard.Sip.Auth;

/// <summary>What the <see cref="NonceCountTracker"/> made of a nonce-count.</summary>
internal enum NonceCountResult
{
    Accepted,
    Replay,

    /// <summary>The nonce's entry was evicted to bound memory, so replays can no longer be ruled out: re-challenge.</summary>
    Untracked,
}
