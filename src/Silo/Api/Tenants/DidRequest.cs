using Switchboard.Silo.Api.Extensions;

namespace Switchboard.Silo.Api.Tenants;

/// <summary>PUT /api/v1/tenants/{tenantId}/dids/{number}: the extension the number rings.</summary>
public sealed record DidRequest(string? Extension)
{
    public FieldErrors Validate(string number)
    {
        var errors = new FieldErrors();
        if (number.Length is < 3 or > 20 || !number.All(char.IsAsciiDigit))
        {
            errors.Add("number", "must be 3-20 digits (E.164 without '+').");
        }

        if (errors.Required("extension", Extension) && !ExtensionNumbers.IsValid(Extension!))
        {
            errors.Add("extension", ExtensionNumbers.Rule);
        }

        return errors;
    }
}
