namespace Switchboard.Silo.Api.Extensions;

/// <summary>The extension-number rule the extension grain enforces, checked here first for a field error.</summary>
public static class ExtensionNumbers
{
    public const string Rule = "must be 1-32 letters, digits, '.', '_' or '-'.";

    public static bool IsValid(string number) =>
        number.Length is >= 1 and <= 32 && number.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
