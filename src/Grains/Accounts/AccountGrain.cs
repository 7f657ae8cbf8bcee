using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Fraud;
using Switchboard.Grains.Rating;
using Switchboard.Grains.Storage;
using Switchboard.Grains.Telemetry;
using Switchboard.Grains.TopUps;

namespace Switchboard.Grains.Accounts;

/// <summary>
/// One prepaid account. Non-reentrant, so authorisations, extensions and settlements of all the account's calls
/// take turns and reservations can never promise the same euro twice. The balance is cached from the store and
/// refreshed after every write made here (the store returns it) and at least every
/// <see cref="BillingOptions.BalanceRefresh"/>; the store, not this cache, decides every charge exactly once.
/// </summary>
internal sealed partial class AccountGrain(
    IAccountStore accounts,
    ICdrStore cdrs,
    ICallLeaseStore leases,
    ITopUpStore topUps,
    IFraudAlertStore alerts,
    IEnumerable<IFraudAlertSink> sinks,
    RateDeckCache decks,
    CoinCatalog coins,
    SwitchboardMetrics metrics,
    Quality.QualityRecorder quality,
    IOptions<BillingOptions> options,
    TimeProvider time,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private static readonly TimeSpan RefreshRetry = TimeSpan.FromSeconds(1);

    private readonly BillingOptions _options = options.Value;
    private readonly AccountJournal _journal = new(leases, time, metrics);

    /// <summary>Live calls' reservations: memory only; leases (journalled at answer) are what outlive a silo.</summary>
    private readonly Dictionary<string, CallReservation> _reservations = new(StringComparer.Ordinal);

    /// <summary>Start times of calls authorised in the last minute (calls-per-minute window).</summary>
    private readonly List<DateTimeOffset> _callStarts = [];

    /// <summary>Times of fraud breaches within the lock window.</summary>
    private readonly List<DateTimeOffset> _breaches = [];
    private AccountRecord? _account;
    private long _accountReadAt;
    private DateOnly _spendDay;
    private decimal _settledToday;

    private string AccountId => this.GetPrimaryKeyString();

    /// <summary>Sum of what live calls hold, kept as a running total: it is read several times per authorisation,
    /// and summing thousands of reservations per INVITE grew with the number of calls up.</summary>
    private decimal _reserved;

    private decimal Reserved => _reserved;

    /// <summary>Adds (or replaces) a reservation; the only way one enters <see cref="_reservations"/>.</summary>
    private void Hold(CallReservation reservation)
    {
        Release(reservation.CallId);
        _reservations[reservation.CallId] = reservation;
        _reserved += reservation.Amount;
    }

    /// <summary>Drops a reservation; the only way one leaves <see cref="_reservations"/>.</summary>
    private void Release(string callId)
    {
        if (_reservations.Remove(callId, out var released))
        {
            _reserved -= released.Amount;
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ReloadAccountAsync(cancellationToken);
        await RollSpendDayAsync(time.GetUtcNow(), cancellationToken);
        await LoadLeasesAsync(cancellationToken);
        StartLeaseCheck();
    }

    public async Task<AccountSnapshot> Open(AccountSettings settings)
    {
        Validate(settings);
        _account = await accounts.UpsertAsync(AccountId, settings);
        _accountReadAt = time.GetTimestamp();
        return Snapshot();
    }

    public async Task<AccountSnapshot?> OpenNew(AccountSettings settings)
    {
        Validate(settings);
        var created = await accounts.InsertAsync(AccountId, settings);
        if (created is null)
        {
            // Someone else opened it first; read theirs so this activation's cache is not stale.
            await ReloadAccountAsync(CancellationToken.None);
            return null;
        }

        _account = created;
        _accountReadAt = time.GetTimestamp();
        return Snapshot();
    }

    private void Validate(AccountSettings settings)
    {
        if (!AccountIds.IsValid(AccountId))
        {
            throw new ArgumentException($"Account id '{AccountId}' must match {AccountIds.Pattern}");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(settings.TenantId);
        if (!RatePlanIds.IsValid(settings.RatePlanId))
        {
            throw new ArgumentException($"Rate plan id '{settings.RatePlanId}' must match {RatePlanIds.Pattern}");
        }

        if (settings.CreditLimit < 0m || settings.FraudLimits is null)
        {
            throw new ArgumentException("Credit limit must be zero or more and fraud limits must be set");
        }
    }

    public async Task<AccountSnapshot> GetSnapshot()
    {
        // A read for people and the admin API: always the stored balance, not the cache.
        await ReloadAccountAsync(CancellationToken.None);
        return Snapshot();
    }

    public async Task<AccountSnapshot> Credit(AccountCredit credit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(credit.Reference);
        if (credit.Amount == 0m || credit.Amount.Scale > Tariff.MoneyDecimals)
        {
            throw new ArgumentException($"Credit amount must be non-zero with at most {Tariff.MoneyDecimals} decimals");
        }

        var account = RequireAccount();
        var change = await accounts.CreditAsync(AccountId, credit);
        _account = account with { Balance = change.Balance };
        return Snapshot();
    }

    public async Task<TopUpResult> ReportDeposit(CryptoDeposit deposit)
    {
        var account = RequireAccount();
        if (!coins.TryValidate(deposit, out var normalised, out var coin, out var reason))
        {
            LogDepositRejected(logger, AccountId, reason);
            return TopUpResult.Reject(reason);
        }

        var result = await topUps.ReportAsync(AccountId, normalised, coin!.RequiredConfirmations);
        if (result.Status != TopUpStatus.Rejected)
        {
            _account = account with { Balance = result.BalanceAfter };
        }

        return result;
    }

    public async Task<AccountSnapshot> SetStatus(AccountStatus status, string reason)
    {
        RequireAccount();
        _account = await accounts.SetStatusAsync(AccountId, status, reason ?? "") ?? _account;
        if (status == AccountStatus.Active)
        {
            // Unlocking is an operator's decision: start the breach count afresh.
            _breaches.Clear();
        }

        return Snapshot();
    }

    private AccountRecord RequireAccount() =>
        _account ?? throw new InvalidOperationException($"Account {AccountId} has not been opened");

    private async Task ReloadAccountAsync(CancellationToken cancellationToken)
    {
        _account = await accounts.GetAsync(AccountId, cancellationToken);
        _accountReadAt = time.GetTimestamp();
    }

    private async Task RefreshIfStaleAsync()
    {
        if (time.GetElapsedTime(_accountReadAt) < _options.BalanceRefresh)
        {
            return;
        }

        try
        {
            await ReloadAccountAsync(CancellationToken.None);
        }
        catch (Exception ex) when (_account is not null && ex is not OutOfMemoryException)
        {
            // The database is away (restart, failover): keep authorising on the cached balance, which every
            // settlement made here keeps exact, and try again shortly. Only credits made elsewhere wait.
            _accountReadAt = time.GetTimestamp() - (long)((_options.BalanceRefresh - RefreshRetry).TotalSeconds * time.TimestampFrequency);
            LogRefreshFailed(logger, AccountId, ex);
        }
    }

    /// <summary>Daily spend is per UTC day; at midnight the settled total is read again from the store.</summary>
    private async Task RollSpendDayAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today == _spendDay)
        {
            return;
        }

        _spendDay = today;
        _settledToday = await cdrs.SpentSinceAsync(AccountId, new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken);
    }

    private AccountSnapshot Snapshot()
    {
        var a = RequireAccount();
        return new AccountSnapshot(AccountId, a.TenantId, a.RatePlanId, a.Balance, Reserved, a.CreditLimit, a.Status,
            _reservations.Count, a.FraudLimits);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Balance refresh of account {AccountId} failed; using the cached balance")]
    private static partial void LogRefreshFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deposit report for account {AccountId} rejected: {Reason}")]
    private static partial void LogDepositRejected(ILogger logger, string accountId, string reason);
}
