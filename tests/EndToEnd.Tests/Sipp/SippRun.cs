namespace Switchboard.EndToEnd.Tests.Sipp;

/// <summary>One sipp invocation: a scenario from Scenarios/, where to send it, and hard bounds on calls and time.</summary>
public sealed record SippRun(string Scenario)
{
    /// <summary>host:port the scenario sends to; null for a scenario that starts by receiving (UAS).</summary>
    public string? Remote { get; init; }

    public string LocalAddress { get; init; } = "127.0.0.1";

    public int LocalPort { get; init; }

    /// <summary>Calls to place or answer before sipp exits (-m); always bounded.</summary>
    public int Calls { get; init; } = 1;

    /// <summary>Calls per second for a UAC (-r); sipp's default is 10.</summary>
    public int? Rate { get; init; }

    /// <summary>Most calls open at once (-l).</summary>
    public int? ConcurrentLimit { get; init; }

    /// <summary>sipp's own global timeout (-timeout with -timeout_error).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Request-URI user (-s), e.g. the dialled number.</summary>
    public string? Service { get; init; }

    /// <summary>Digest user and password for 401/407 (-au, -ap).</summary>
    public string? AuthUser { get; init; }

    public string? AuthPassword { get; init; }

    /// <summary>Scenario keywords (-key name value), e.g. caller and domain.</summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra raw arguments, e.g. ["-trace_stat"].</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];
}
