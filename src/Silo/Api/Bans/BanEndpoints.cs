using System.Net;
using Switchboard.Grains.Runtime;
using Switchboard.Grains.Security;
using Switchboard.Silo.Api.Auditing;
using Switchboard.Silo.Api.Security;

namespace Switchboard.Silo.Api.Bans;

/// <summary>
/// /api/v1/bans, operators only: the signalling sources the cluster has banned for failed authentications
/// (<see cref="ISourceBanGrain"/>), and lifting a ban. Edges drop a lifted source's traffic no longer after their
/// next poll of the ban list (<c>Security:BanPollMilliseconds</c>).
/// </summary>
public static class BanEndpoints
{
    public static RouteGroupBuilder MapBanEndpoints(this RouteGroupBuilder api)
    {
        var bans = api.MapGroup("/bans").WithTags("Bans").RequireAuthorization(ApiPolicies.Operator);
        bans.MapGet("", List).Produces<Page<SourceBan>>();
        bans.MapDelete("/{address}", Lift).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> List(IGrainFactory grains)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, SourceBanShards.Count).Select(s => grains.Grain<ISourceBanGrain>(s).GetBans(knownVersion: 0)));
        IReadOnlyList<SourceBan> bans = [.. shards.SelectMany(s => s.Bans ?? []).OrderByDescending(b => b.BannedAt)];
        return TypedResults.Ok(new Page<SourceBan>(bans, null));
    }

    private static async Task<IResult> Lift(HttpContext context, string address, IGrainFactory grains)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return ApiProblems.Invalid("address", "must be an IPv4 or IPv6 address.");
        }

        // The canonical text is what the edges reported, so "::FFFF:…" or "2001:DB8::1" find their ban too.
        var canonical = (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
        AuditFilter.Touch(context, canonical);
        var lifted = await grains.Grain<ISourceBanGrain>(SourceBanShards.For(canonical)).Lift(canonical);
        return lifted ? TypedResults.NoContent() : ApiProblems.NotFound($"A ban on {canonical}");
    }
}
