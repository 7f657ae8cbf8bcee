namespace Switchboard.Silo.Api.Calls;

/// <summary>POST /api/v1/calls/{callId}/hangup: why, recorded as the call's end reason.</summary>
public sealed record HangUpRequest(string? Reason)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Text("reason", Reason, 200, required: false);
        return errors;
    }
}
