using Switchboard.Grains.Calls;
using Switchboard.Sip;

namespace Switchboard.Edge.Calls;

/// <summary>
/// The tag the edge puts on its side of each of a call's dialogs (the caller leg's To tag, every callee leg's From
/// tag): the random part of the call id, a dash, and 64 random bits of the leg's own. A peer sends that tag back in
/// the To of every request in the dialog (RFC 3261 §12.2.1.1), so any edge finds the call from the request alone:
/// nothing is looked up in the cluster and no per-leg index lives there for the length of the call. The leg's own
/// bits keep each leg's tag unique (§19.3), so the caller and the callee never see the same value.
/// </summary>
public static class DialogTag
{
    private const int CallPartLength = 32;
    private const int Length = CallPartLength + 1 + 16;

    /// <summary>A fresh tag for a leg of <paramref name="callId"/> (a <see cref="CallKeys.NewCallId"/> id).</summary>
    public static string For(string callId)
    {
        if (!callId.StartsWith(CallKeys.Prefix, StringComparison.Ordinal) || !IsCallPart(callId.AsSpan(CallKeys.Prefix.Length)))
        {
            throw new ArgumentException($"Call id '{callId}' must come from CallKeys.NewCallId().", nameof(callId));
        }

        return string.Concat(callId.AsSpan(CallKeys.Prefix.Length), "-", SipIdGenerator.NewTag());
    }

    /// <summary>The call a tag of ours belongs to, or null when the tag is not one <see cref="For"/> made.</summary>
    public static string? CallIdOf(string? tag)
    {
        if (tag is not { Length: Length } || tag[CallPartLength] != '-' || !IsCallPart(tag.AsSpan(0, CallPartLength)))
        {
            return null;
        }

        return string.Concat(CallKeys.Prefix, tag.AsSpan(0, CallPartLength));
    }

    private static bool IsCallPart(ReadOnlySpan<char> part) =>
        part.Length == CallPartLength && !part.ContainsAnyExcept("0123456789abcdef");
}
