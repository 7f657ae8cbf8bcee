namespace Switchboard.Grains.Routing;

/// <summary>
/// A trunk's dial-string rewrite: a number starting with <see cref="Prefix"/> loses that prefix and gets
/// <see cref="Replacement"/> in front. Strip <c>00</c>: ("00", ""); national to E.164: ("0", "49");
/// prepend a carrier tech prefix: ("", "1234#"). The first matching rule of a trunk applies.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.NumberRewriteRule")]
public sealed record NumberRewriteRule(
    [property: Id(0)] string Prefix,
    [property: Id(1)] string Replacement);
