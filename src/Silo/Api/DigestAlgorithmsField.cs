using Switchboard.Grains.Extensions;

namespace Switchboard.Silo.Api;

/// <summary>The <c>digestAlgorithms</c> member of tenant policies, extensions and trunks, checked by <see cref="DigestPolicy"/>'s one rule.</summary>
public static class DigestAlgorithmsField
{
    /// <summary>The algorithms in order, or null when absent or empty (inherit); a bad list is added to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<DigestAlgorithm>? Read(FieldErrors errors, string field, IReadOnlyList<string>? tokens)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (DigestPolicy.TryParse(tokens, out var algorithms))
        {
            return algorithms;
        }

        errors.Add(field, DigestPolicy.Rule + ".");
        return null;
    }
}
