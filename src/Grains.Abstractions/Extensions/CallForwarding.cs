namespace Switchboard.Grains.Extensions;

/// <summary>
/// Where an extension's calls go instead of, or after, its own phones (docs/call-control.md, call forwarding). Each
/// target is an extension of the same tenant or an outside number, as the extension would dial it.
/// <see cref="Always"/>: every call, without ringing the phones. <see cref="OnBusy"/>: when every phone answered busy
/// (486, 600). <see cref="OnNoAnswer"/>: when no phone answered within <see cref="NoAnswerSeconds"/>, when the phones
/// could not be reached (480, 408), or when none is registered. A call forwarded to an outside number is billed to the
/// forwarding extension's account and held to its fraud limits.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.CallForwarding")]
public sealed record CallForwarding(
    [property: Id(0)] string? Always,
    [property: Id(1)] string? OnBusy,
    [property: Id(2)] string? OnNoAnswer,
    [property: Id(3)] int NoAnswerSeconds = CallForwarding.DefaultNoAnswerSeconds)
{
    public const int DefaultNoAnswerSeconds = 20;

    public const int MinNoAnswerSeconds = 5;

    public const int MaxNoAnswerSeconds = 300;

    public const string TargetRule = "must be an extension or a number: 2-20 digits, an optional leading '+'";

    public bool IsEmpty => Always is null && OnBusy is null && OnNoAnswer is null;

    /// <summary>Null when valid, else the first problem. <paramref name="own"/>: the extension's number (no forwarding to itself).</summary>
    public string? Check(string own)
    {
        foreach (var (name, target) in new[] { ("always", Always), ("onBusy", OnBusy), ("onNoAnswer", OnNoAnswer) })
        {
            if (target is null)
            {
                continue;
            }

            if (!IsTarget(target))
            {
                return $"{name} {TargetRule}.";
            }

            if (target == own)
            {
                return $"{name} must not be the extension itself.";
            }
        }

        return NoAnswerSeconds is < MinNoAnswerSeconds or > MaxNoAnswerSeconds
            ? $"noAnswerSeconds must be {MinNoAnswerSeconds}-{MaxNoAnswerSeconds}."
            : null;
    }

    private static bool IsTarget(string target)
    {
        var digits = target.StartsWith('+') ? target.AsSpan(1) : target.AsSpan();
        if (digits.Length is < 2 or > 20)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
