namespace Switchboard.Silo.Ops;

/// <summary>One active silo as the membership table lists it.</summary>
public sealed record OpsSilo(string Address, string Name, string Host, string Status, DateTimeOffset StartedAt, int Activations);
