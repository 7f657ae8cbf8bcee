namespace Switchboard.Silo.Api.Disclosures;

/// <summary>
/// POST /api/v1/disclosures: a lawful request for one subscriber's traffic data over a period. Every member is
/// required; <see cref="Subscriber"/> is the number or extension as the tenant's CDRs and registrations name it.
/// </summary>
public sealed record DisclosureRequest(
    string? Authority, string? LegalBasis, string? Reference, string? TenantId, string? Subscriber, DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>A request reaching further back than the longest retention we keep is a typo.</summary>
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(2557);

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Text("authority", Authority, 200);
        errors.Text("legalBasis", LegalBasis, 200);
        errors.Text("reference", Reference, 100);
        errors.Identifier("tenantId", TenantId, 64);
        errors.Text("subscriber", Subscriber, 64);
        if (From is null)
        {
            errors.Add("from", "is required.");
        }

        if (To is null)
        {
            errors.Add("to", "is required.");
        }
        else if (From is { } from && (To <= from || To - from > LongestPeriod))
        {
            errors.Add("to", "must be after 'from', at most 7 years later.");
        }

        return errors;
    }
}
