using OpenTelemetry.Metrics;

namespace Switchboard.Telemetry;

/// <summary>
/// The tag keys a Switchboard instrument may export. The privacy policy allows aggregate metrics only, so the
/// exporter keeps these bounded keys and drops any other: a tag someone adds later with a phone number, user,
/// account, extension or IP address in it never reaches Prometheus. A new bounded tag must be added here on purpose.
/// Tenant, trunk and country code are allowed: the quality counters are labelled by them (docs/observability.md),
/// and they name an operator's customers, carriers and E.164 country codes, never a person (docs/privacy.md).
/// </summary>
public static class MetricTagPolicy
{
    /// <summary>Meters whose names start with this are ours and filtered; Orleans' own meter is not touched.</summary>
    public const string MeterPrefix = "Switchboard.";

    public static readonly IReadOnlyList<string> AllowedTagKeys =
    [
        "sip.message", "sip.method", "sip.status_class", "sip.response_class", "method", "status_class", "response_class",
        "transport", "direction", "reason", "outcome", "result", "kind",
        "disposition", "rule", "store", "sqlstate_class", "class", "state", "tenant", "trunk", "country",
    ];

    /// <summary>
    /// Npgsql tags each series with its pool name, which is the connection string minus the password: host, user
    /// and database do not belong in metrics either, and one cluster has one pool per purpose anyway.
    /// </summary>
    public static readonly IReadOnlyList<string> AllowedNpgsqlTagKeys = ["db.client.connection.state", "error.type"];

    /// <summary>The OpenTelemetry view applying the allowlists to our meters and Npgsql's.</summary>
    public static MetricStreamConfiguration? View(System.Diagnostics.Metrics.Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
        {
            return new MetricStreamConfiguration { TagKeys = [.. AllowedTagKeys] };
        }

        return instrument.Meter.Name == SwitchboardTelemetry.NpgsqlMeterName
            ? new MetricStreamConfiguration { TagKeys = [.. AllowedNpgsqlTagKeys] }
            : null;
    }
}
