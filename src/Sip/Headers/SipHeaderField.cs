namespace Switchboard.Sip;

/// <summary>One header line of a parsed message, as spans into its buffer. The value may contain folded CRLFs.</summary>
public readonly ref struct SipHeaderField
{
    internal SipHeaderField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, KnownHeader id)
    {
        Name = name;
        Value = value;
        Id = id;
    }

    /// <summary>The name as sent (compact or long form, any case).</summary>
    public ReadOnlySpan<byte> Name { get; }

    public ReadOnlySpan<byte> Value { get; }

    public KnownHeader Id { get; }

    public string NameString => System.Text.Encoding.ASCII.GetString(Name);

    /// <summary>The value decoded as UTF-8 with folds collapsed.</summary>
    public string ValueString => SipSyntax.ToUnfoldedString(Value);
}
