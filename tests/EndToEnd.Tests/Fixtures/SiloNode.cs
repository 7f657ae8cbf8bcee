using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>A silo process of a <see cref="ProcessCluster"/> and the silo port its membership row is keyed by.</summary>
public sealed record SiloNode(NodeProcess Process, int SiloPort);
