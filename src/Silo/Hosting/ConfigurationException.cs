namespace Switchboard.Silo.Hosting;

/// <summary>A configuration value that cannot work; the message names the key so the operator can fix it in one go.</summary>
public sealed class ConfigurationException(string key, string problem)
    : Exception($"Configuration error: {key} {problem}")
{
    public string Key { get; } = key;
}
