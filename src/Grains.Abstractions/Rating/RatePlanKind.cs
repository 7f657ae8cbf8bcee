namespace Switchboard.Grains.Rating;

/// <summary>Retail decks price calls to customers; carrier decks are what a trunk's carrier charges us.</summary>
[GenerateSerializer, Alias("Switchboard.RatePlanKind")]
public enum RatePlanKind
{
    Retail = 0,
    Carrier = 1,
}
