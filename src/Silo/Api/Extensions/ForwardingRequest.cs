using Switchboard.Grains.Extensions;

namespace Switchboard.Silo.Api.Extensions;

/// <summary>
/// An extension's <c>forwarding</c> in POST/PUT .../extensions: targets for every call (<see cref="Always"/>), busy and
/// no answer, and the ring time before the no-answer forward. An object with no target turns forwarding off.
/// </summary>
public sealed record ForwardingRequest(string? Always, string? OnBusy, string? OnNoAnswer, int? NoAnswerSeconds)
{
    /// <summary>The settings, or null for "off"; adds an error under <c>forwarding</c> when they are not valid for <paramref name="number"/>.</summary>
    public CallForwarding? Read(FieldErrors errors, string number)
    {
        var forwarding = new CallForwarding(
            Blank(Always), Blank(OnBusy), Blank(OnNoAnswer), NoAnswerSeconds ?? CallForwarding.DefaultNoAnswerSeconds);
        if (forwarding.Check(number) is { } problem)
        {
            errors.Add("forwarding", problem);
            return null;
        }

        return forwarding.IsEmpty ? null : forwarding;
    }

    private static string? Blank(string? target) => string.IsNullOrWhiteSpace(target) ? null : target.Trim();
}
