using Switchboard.Grains.TopUps;

namespace Switchboard.Silo.Api.TopUps;

/// <summary>
/// POST /api/v1/accounts/{accountId}/topups: a deposit a payment watcher saw, reported again as confirmations
/// grow. Credited once when the coin's confirmation threshold is reached.
/// </summary>
public sealed record ReportDepositRequest(string? Coin, string? TxHash, decimal? Amount, int? Confirmations, decimal? EurRate)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        errors.Text("coin", Coin, 20);
        errors.Text("txHash", TxHash, 100);
        if (Amount is not > 0m)
        {
            errors.Add("amount", "must be a positive amount of the coin.");
        }

        if (Confirmations is not >= 0)
        {
            errors.Add("confirmations", "must be zero or more.");
        }

        if (EurRate is not > 0m)
        {
            errors.Add("eurRate", "must be the positive EUR price of one coin.");
        }

        return errors;
    }

    public CryptoDeposit ToDeposit() => new(Coin!.Trim(), TxHash!.Trim(), Amount!.Value, Confirmations!.Value, EurRate!.Value);
}
