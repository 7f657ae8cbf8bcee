using Switchboard.Grains.Fraud;

namespace Switchboard.Grains.Storage;

public interface IFraudAlertStore
{
    Task AddAsync(FraudAlert alert, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<FraudAlert>> ListAsync(FraudAlertQuery query, CancellationToken cancellationToken = default);
}
