namespace Switchboard.Sip;

/// <summary>One ";name[=value]" parameter. <see cref="Value"/> is null for a flag (";lr") and keeps quotes as sent.</summary>
public readonly record struct SipParameter(string Name, string? Value);
