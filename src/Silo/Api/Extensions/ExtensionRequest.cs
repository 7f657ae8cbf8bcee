using Switchboard.Grains.Emergency;

namespace Switchboard.Silo.Api.Extensions;

/// <summary>
/// POST /api/v1/tenants/{tenantId}/extensions (with <see cref="Number"/> and a password) and PUT
/// /api/v1/tenants/{tenantId}/extensions/{number} (password optional: given, it replaces the credentials).
/// The password is turned into HA1 values and a salted hash by the extension grain and never returned.
/// <see cref="DigestAlgorithms"/> overrides the tenant's digest challenge for this extension ("md5" and/or "sha256",
/// in order); on PUT, absent keeps the current choice and an empty list goes back to the tenant's.
/// <see cref="EmergencyLocation"/>: where the phone is, by reference (<see cref="GeolocationUri"/>), sent with its
/// emergency calls; on PUT, absent keeps it and an empty string removes it. <see cref="Forwarding"/>: on PUT, absent
/// keeps the extension's forwarding and an object replaces it (one without targets turns it off).
/// </summary>
public sealed record ExtensionRequest(
    string? Number, string? DisplayName, string? Password, bool? Enabled, string? AccountId, IReadOnlyList<string>? DigestAlgorithms = null,
    bool? RecordingOptIn = null, string? EmergencyLocation = null, ForwardingRequest? Forwarding = null)
{
    public const int MinPasswordLength = 8;

    public FieldErrors Validate(bool create)
    {
        var errors = new FieldErrors();
        if (create)
        {
            if (errors.Required("number", Number) && !ExtensionNumbers.IsValid(Number!))
            {
                errors.Add("number", ExtensionNumbers.Rule);
            }
        }
        else if (Number is not null)
        {
            errors.Add("number", "is taken from the URL; leave it out.");
        }

        errors.Text("displayName", DisplayName, 100, required: false);
        if (create ? errors.Required("password", Password) : Password is not null)
        {
            // The extension grain's rule, checked here so that the grain never has to refuse (its refusal is a 500).
            if (Password!.Length is < MinPasswordLength or > 128 || Password.Any(char.IsControl))
            {
                errors.Add("password", $"must be {MinPasswordLength}-128 characters without control characters.");
            }
        }

        if (AccountId is not null)
        {
            errors.Identifier("accountId", AccountId, 64);
        }

        DigestAlgorithmsField.Read(errors, "digestAlgorithms", DigestAlgorithms);
        if (!string.IsNullOrEmpty(EmergencyLocation) && !GeolocationUri.IsValid(EmergencyLocation))
        {
            errors.Add("emergencyLocation", $"{GeolocationUri.Rule}.");
        }

        return errors;
    }
}
