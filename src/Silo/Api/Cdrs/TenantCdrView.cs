using Switchboard.Grains.Billing;

namespace Switchboard.Silo.Api.Cdrs;

/// <summary>
/// A call record as a key bound to a tenant sees it: what the tenant is charged, never what the carrier charges us
/// (carrier plan, rate and cost, margin) nor which edge carried it.
/// </summary>
public sealed record TenantCdrView(
    string CallId,
    string AccountId,
    string TenantId,
    string Caller,
    string Callee,
    CallDirection Direction,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndedAt,
    int FinalSipStatus,
    CallDisposition Disposition,
    string CallerLegCallId,
    string CalleeLegCallId,
    string? TrunkId,
    int DurationSeconds,
    int BilledSeconds,
    AppliedRate? Rate,
    decimal Cost,
    DateTimeOffset? SettledAt)
{
    public static TenantCdrView From(CallDetailRecord r) =>
        new(r.CallId, r.AccountId, r.TenantId, r.Caller, r.Callee, r.Direction, r.StartedAt, r.AnsweredAt, r.EndedAt,
            r.FinalSipStatus, r.Disposition, r.CallerLegCallId, r.CalleeLegCallId, r.TrunkId, r.DurationSeconds,
            r.BilledSeconds, r.Rate, r.Cost, r.SettledAt);
}
