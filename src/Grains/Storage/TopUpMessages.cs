using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Storage;

/// <summary>Texts both top-up stores write, so in-memory and PostgreSQL histories read the same.</summary>
public static class TopUpMessages
{
    public const string Conflict = "Transaction already reported for another account or with another amount";

    public static string Description(TopUp topUp) =>
        $"{topUp.Amount} {topUp.Coin} at {topUp.EurRate} EUR, tx {topUp.TxHash}";
}
