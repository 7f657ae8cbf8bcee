using System.Diagnostics.Metrics;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Telemetry;

namespace Switchboard.Grains.Quality;

/// <summary>
/// Gathers this silo's settled calls per scope (trunk, tenant, destination country) between flushes, and counts
/// them on Prometheus counters labelled with those scopes only: no number, no address. Per call: three dictionary
/// updates under a lock held for nanoseconds, no allocation once a scope has been seen.
/// </summary>
public sealed class QualityRecorder
{
    private readonly Lock _gate = new();
    private Dictionary<ScopeKey, QualitySample> _pending = [];
    private readonly HashSet<ScopeKey> _announced = [];
    private readonly Counter<long> _trunkCalls;
    private readonly Counter<long> _tenantCalls;
    private readonly Counter<long> _countryCalls;
    private readonly Counter<long> _trunkSeconds;
    private readonly Counter<long> _tenantSeconds;
    private readonly Counter<long> _countrySeconds;

    public QualityRecorder(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(SwitchboardMetrics.MeterName);
        _trunkCalls = meter.CreateCounter<long>("switchboard.quality.trunk.calls", "{call}", "Settled calls per trunk, by outcome (ASR = answered / all)");
        _tenantCalls = meter.CreateCounter<long>("switchboard.quality.tenant.calls", "{call}", "Settled calls per tenant, by outcome");
        _countryCalls = meter.CreateCounter<long>("switchboard.quality.country.calls", "{call}", "Settled calls per destination country code, by outcome");
        _trunkSeconds = meter.CreateCounter<long>("switchboard.quality.trunk.answered", "s", "Answered seconds per trunk (ACD = this / answered calls)");
        _tenantSeconds = meter.CreateCounter<long>("switchboard.quality.tenant.answered", "s", "Answered seconds per tenant");
        _countrySeconds = meter.CreateCounter<long>("switchboard.quality.country.answered", "s", "Answered seconds per destination country code");
    }

    /// <summary>
    /// Counts one settled call. Calls refused by the switch itself (authorisation, fraud) seized nothing and are
    /// not counted; <paramref name="postDialDelay"/> is null when the call never rang or was answered.
    /// </summary>
    public void Record(CallDetailRecord cdr, TimeSpan? postDialDelay)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        if (cdr.Disposition == CallDisposition.Refused)
        {
            return;
        }

        var outcome = Outcome(cdr.Disposition);
        var seconds = cdr.DurationSeconds;
        var country = cdr.Direction == CallDirection.Outbound ? CountryCode.Of(cdr.Rate?.Prefix ?? cdr.Callee) : null;
        lock (_gate)
        {
            Add(new ScopeKey(QualityScopes.Tenant, cdr.TenantId, null), cdr, seconds, postDialDelay);
            if (cdr.TrunkId is { } trunk)
            {
                Add(new ScopeKey(QualityScopes.Trunk, cdr.TenantId, trunk), cdr, seconds, postDialDelay);
            }

            if (country is not null)
            {
                Add(new ScopeKey(QualityScopes.Country, country, null), cdr, seconds, postDialDelay);
            }
        }

        _tenantCalls.Add(1, new("tenant", cdr.TenantId), new("outcome", outcome));
        _tenantSeconds.Add(seconds, new KeyValuePair<string, object?>("tenant", cdr.TenantId));
        if (cdr.TrunkId is { } trunkId)
        {
            _trunkCalls.Add(1, new("tenant", cdr.TenantId), new("trunk", trunkId), new("outcome", outcome));
            _trunkSeconds.Add(seconds, new("tenant", cdr.TenantId), new("trunk", trunkId));
        }

        if (country is not null)
        {
            _countryCalls.Add(1, new("country", country), new("outcome", outcome));
            _countrySeconds.Add(seconds, new KeyValuePair<string, object?>("country", country));
        }
    }

    /// <summary>Takes what was gathered since the last flush, with the scopes this silo reports for the first time.</summary>
    public (IReadOnlyList<(string Scope, QualitySample Sample)> Samples, IReadOnlyList<string> NewScopes) Drain()
    {
        Dictionary<ScopeKey, QualitySample> drained;
        var fresh = new List<string>();
        lock (_gate)
        {
            drained = _pending;
            _pending = new Dictionary<ScopeKey, QualitySample>(drained.Count);
            foreach (var key in drained.Keys)
            {
                if (_announced.Add(key))
                {
                    fresh.Add(key.Name);
                }
            }
        }

        return ([.. drained.Select(d => (d.Key.Name, d.Value))], fresh);
    }

    private void Add(ScopeKey key, CallDetailRecord cdr, int seconds, TimeSpan? postDialDelay)
    {
        if (!_pending.TryGetValue(key, out var sample))
        {
            _pending[key] = sample = new QualitySample();
        }

        sample.Seized++;
        if (cdr.Disposition == CallDisposition.Answered || cdr.AnsweredAt is not null)
        {
            sample.Answered++;
            sample.AnsweredSeconds += seconds;
        }
        else
        {
            sample.Failures[cdr.FinalSipStatus] = sample.Failures.GetValueOrDefault(cdr.FinalSipStatus) + 1;
        }

        if (IsEffective(cdr))
        {
            sample.Effective++;
        }

        if (postDialDelay is { } pdd)
        {
            sample.PddCount++;
            sample.PddMillisecondsTotal += (long)pdd.TotalMilliseconds;
        }
    }

    /// <summary>
    /// ITU-T E.411: the network did its part when the call was answered or the called party was reached and
    /// chose (busy, declined, no answer), or the caller gave up. Failures to reach the party are not effective.
    /// </summary>
    private static bool IsEffective(CallDetailRecord cdr) => cdr.AnsweredAt is not null || cdr.Disposition is
        CallDisposition.Answered or CallDisposition.Busy or CallDisposition.NoAnswer or CallDisposition.Declined or CallDisposition.Cancelled;

    private static string Outcome(CallDisposition disposition) => disposition switch
    {
        CallDisposition.Answered => "answered",
        CallDisposition.Busy => "busy",
        CallDisposition.NoAnswer => "noanswer",
        CallDisposition.Cancelled => "cancelled",
        CallDisposition.Declined => "declined",
        CallDisposition.NotFound => "notfound",
        CallDisposition.CreditExhausted => "credit-exhausted",
        _ => "failed",
    };

    private readonly record struct ScopeKey(string Kind, string First, string? Second)
    {
        public string Name => Second is null ? $"{Kind}/{First}" : $"{Kind}/{First}/{Second}";
    }
}
