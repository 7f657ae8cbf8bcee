namespace Switchboard.Silo.Warmup;

/// <summary>What a warm-up did: calls placed and completed, how long it took, and the methods the runtime compiled meanwhile.</summary>
public sealed record WarmupResult(int Placed, int Completed, TimeSpan Elapsed, long MethodsCompiled, string? Failure);
