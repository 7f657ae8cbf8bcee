namespace Switchboard.Grains.Extensions;

/// <summary>What a REGISTER did: the answer for the edge, the bindings to keep and whether they changed.</summary>
public sealed record RegistrarOutcome(RegistrationResult Result, IReadOnlyList<Binding> Bindings, bool Changed);
