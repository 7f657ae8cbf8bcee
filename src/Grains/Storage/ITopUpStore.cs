using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Storage;

/// <summary>Crypto top-ups, one per (coin, hash).</summary>
public interface ITopUpStore
{
    /// <summary>
    /// Records a validated deposit report (coin code and hash already normalised). Confirmations only grow; while
    /// pending the EUR rate follows the latest report. When confirmations reach <paramref name="requiredConfirmations"/>
    /// the deposit turns credited and its EUR value is added to the balance with a ledger row, in one transaction,
    /// exactly once. A hash already known for another account or another amount is rejected.
    /// </summary>
    Task<TopUpResult> ReportAsync(string accountId, CryptoDeposit deposit, int requiredConfirmations, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TopUp>> ListAsync(TopUpQuery query, CancellationToken cancellationToken = default);
}
