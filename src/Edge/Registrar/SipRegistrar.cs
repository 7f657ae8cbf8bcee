using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Edge.Auth;
using Switchboard.Edge.Cluster;
using Switchboard.Edge.Hosting;
using Switchboard.Edge.Signalling;
using Switchboard.Edge.Telemetry;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;
using Switchboard.Sip;

namespace Switchboard.Edge.Registrar;

/// <summary>
/// REGISTER handling (RFC 3261 §10.3): find the tenant by the AOR's domain, authenticate the extension, then
/// hand the parsed request to the extension grain, which owns bindings, expiry rules (423) and CSeq ordering.
/// The edge adds what only it knows: the received source address and transport (NAT, RFC 3581) and its id.
/// </summary>
public sealed class SipRegistrar(
    TenantResolver tenants,
    DigestGate gate,
    IGrainFactory grains,
    ClusterGuard guard,
    SipResponder responder,
    IOptions<SipOptions> options,
    LogRedaction redaction,
    ILogger<SipRegistrar> logger)
{
    private readonly string _edgeId = options.Value.ResolveEdgeId();

    public async Task HandleAsync(InboundRequest inbound)
    {
        var request = inbound.Request;
        var aor = request.To.Uri;
        if (string.IsNullOrEmpty(aor.User))
        {
            await responder.RespondAsync(inbound, 404);
            return;
        }

        try
        {
            var tenantId = await tenants.ResolveAsync(aor.Host, CancellationToken.None);
            if (tenantId is null)
            {
                // §10.3 step 1 would be 404 for a foreign domain; 403 tells a scanner nothing more.
                await gate.RefuseAsync(inbound, "unknown domain");
                return;
            }

            var auth = await gate.AuthenticateAsync(inbound, tenantId, aor.Host, aor.User, CancellationToken.None);
            if (!auth.Authenticated)
            {
                return;
            }

            var extension = grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, aor.User));
            var register = RegisterRequestReader.Read(request, inbound.Source, _edgeId);

            // Not retried: the grain refuses a repeated Call-ID/CSeq with 500 (§10.3 step 7), so a retry could turn success into an error.
            var result = await guard.OnceAsync(_ => extension.Register(register), CancellationToken.None);
            await RespondAsync(inbound, result);
            if (result.Status == 200)
            {
                EdgeLog.Registered(logger, $"{redaction.Show(aor.User)}@{aor.Host}", result.Bindings.Count, redaction.Show(request.CallId));
            }
        }
        catch (ClusterUnavailableException)
        {
            await responder.ServiceUnavailableAsync(inbound, "Cluster Unavailable");
        }
    }

    private async Task RespondAsync(InboundRequest inbound, RegistrationResult result)
    {
        var request = inbound.Request;
        await responder.RespondAsync(inbound, result.Status, string.IsNullOrEmpty(result.Reason) ? null : result.Reason, b =>
        {
            if (result.Status == 423 && result.MinExpires is { } min)
            {
                b.AddHeader("Min-Expires", min.ToString(CultureInfo.InvariantCulture));
            }

            if (result.Status != 200)
            {
                return;
            }

            // §10.3 step 8: every current binding, each with the seconds it has left.
            foreach (var binding in result.Bindings)
            {
                b.AddHeader("Contact", $"<{binding.ContactUri}>;expires={binding.SecondsLeft(result.At)}");
            }

            // RFC 3327 §5.3: the registrar echoes the Path it stored.
            foreach (var path in request.GetHeaderValues("Path"))
            {
                b.AddHeader("Path", path);
            }

            b.AddHeader("Date", result.At.ToString("r", CultureInfo.InvariantCulture));
        });
    }
}
