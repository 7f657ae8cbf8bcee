namespace Switchboard.Grains.Quality;

/// <summary>
/// Call outcomes of one scope gathered by one silo over one flush period (a few seconds), sent in one message.
/// <see cref="Failures"/> counts unanswered calls by final SIP status.
/// </summary>
[GenerateSerializer, Alias("Switchboard.QualitySample")]
public sealed class QualitySample
{
    /// <summary>Calls that reached the destination's side: every call routed to the scope.</summary>
    [Id(0)] public long Seized { get; set; }

    [Id(1)] public long Answered { get; set; }

    /// <summary>Calls the network completed its part of: answered, busy, declined, not answered, cancelled by the caller (ITU-T E.411 NER).</summary>
    [Id(2)] public long Effective { get; set; }

    [Id(3)] public long AnsweredSeconds { get; set; }

    /// <summary>Calls with a post-dial delay measured (a ringing or answer seen), and the sum of those delays.</summary>
    [Id(4)] public long PddCount { get; set; }

    [Id(5)] public long PddMillisecondsTotal { get; set; }

    [Id(6)] public Dictionary<int, long> Failures { get; set; } = [];
}
