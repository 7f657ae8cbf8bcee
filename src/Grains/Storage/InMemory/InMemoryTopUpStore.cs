using Switchboard.Grains.Billing;
using Switchboard.Grains.Rating;
using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Storage.InMemory;

public sealed class InMemoryTopUpStore(InMemoryBillingData data, TimeProvider time) : ITopUpStore
{
    public Task<TopUpResult> ReportAsync(string accountId, CryptoDeposit deposit, int requiredConfirmations, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var key = (deposit.Coin, deposit.TxHash);
        lock (data.Gate)
        {
            if (!data.Accounts.TryGetValue(accountId, out var account))
            {
                throw new InvalidOperationException($"Account {accountId} does not exist");
            }

            var eur = Tariff.Round(deposit.Amount * deposit.EurRate);
            if (data.TopUps.TryGetValue(key, out var known))
            {
                if (known.AccountId != accountId || known.Amount != deposit.Amount)
                {
                    return Task.FromResult(TopUpResult.Reject(TopUpMessages.Conflict));
                }

                known = known.Status == TopUpStatus.Pending
                    ? known with { Confirmations = Math.Max(known.Confirmations, deposit.Confirmations), EurRate = deposit.EurRate, EurAmount = eur }
                    : known with { Confirmations = Math.Max(known.Confirmations, deposit.Confirmations) };
            }
            else
            {
                known = new TopUp(accountId, account.TenantId, deposit.Coin, deposit.TxHash, deposit.Amount, deposit.Confirmations,
                    requiredConfirmations, deposit.EurRate, eur, TopUpStatus.Pending, now, null);
            }

            var creditedNow = false;
            var balance = account.Balance;
            if (known.Status == TopUpStatus.Pending && known.Confirmations >= known.RequiredConfirmations)
            {
                known = known with { Status = TopUpStatus.Credited, CreditedAt = now };
                var change = data.Post(accountId, CdrReferences.TopUp(known.Coin, known.TxHash), LedgerEntryKind.TopUp, known.EurAmount,
                    TopUpMessages.Description(known), now);
                creditedNow = change.Applied;
                balance = change.Balance;
            }

            data.TopUps[key] = known;
            return Task.FromResult(new TopUpResult(known.Status, creditedNow, known.EurAmount, known.Confirmations,
                known.RequiredConfirmations, balance, ""));
        }
    }

    public Task<IReadOnlyList<TopUp>> ListAsync(TopUpQuery query, CancellationToken cancellationToken = default)
    {
        lock (data.Gate)
        {
            var rows = data.TopUps.Values
                .Where(t => (query.TenantId is null || t.TenantId == query.TenantId) &&
                            (query.AccountId is null || t.AccountId == query.AccountId) &&
                            (query.Status is null || t.Status == query.Status))
                .OrderByDescending(t => t.FirstSeenAt).ThenBy(t => t.TxHash, StringComparer.Ordinal);
            return Task.FromResult(InMemoryBillingData.Page(rows, query.Offset, query.Limit));
        }
    }
}
