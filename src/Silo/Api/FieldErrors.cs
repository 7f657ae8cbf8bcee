using System.Text.RegularExpressions;

namespace Switchboard.Silo.Api;

/// <summary>
/// Per-field validation messages collected before anything is changed, returned as a 400 ValidationProblem
/// whose <c>errors</c> maps each field (camelCase, as in the JSON body or query) to its messages.
/// </summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Adds "is required" when the value is null or blank; true when it is present.</summary>
    public bool Required(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Add(field, "is required.");
        return false;
    }

    /// <summary>
    /// Checks an id: lowercase letters, digits and '-', starting with a letter (docs/architecture.md: keys never
    /// look numeric); tenants allow 32 characters, accounts and plans 64.
    /// </summary>
    public void Identifier(string field, string? value, int maxLength = 32)
    {
        if (Required(field, value) && (value!.Length < 2 || value.Length > maxLength || !IdentifierPattern().IsMatch(value)))
        {
            Add(field, $"must be 2-{maxLength} lowercase letters, digits or '-', starting with a letter.");
        }
    }

    /// <summary>Checks a free-text field for presence (when required) and length.</summary>
    public void Text(string field, string? value, int maxLength, bool required = true)
    {
        if (required ? Required(field, value) : value is not null)
        {
            if (value!.Length > maxLength)
            {
                Add(field, $"must be at most {maxLength} characters.");
            }
        }
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9-]+$")]
    private static partial Regex IdentifierPattern();
}
