using System.Collections.Concurrent;
using Switchboard.Grains.Accounts;
using Switchboard.Grains.Billing;
using Switchboard.Grains.Calls;

namespace Switchboard.Grains.Tests.Calls.Support;

/// <summary>
/// A scripted stand-in for the account grains behind the call grain's billing seam: answers per account id from
/// an <see cref="AccountScript"/> and records every request, so tests can count settlements per call.
/// </summary>
public sealed class ScriptedAccounting : ICallAccounting
{
    private readonly ConcurrentDictionary<string, AccountScript> _scripts = new(StringComparer.Ordinal);

    public ConcurrentQueue<CallAuthorizationRequest> Authorizations { get; } = new();

    public ConcurrentQueue<(string CallId, TimeSpan AnsweredFor)> Extensions { get; } = new();

    public ConcurrentQueue<CallDetailRecord> Settlements { get; } = new();

    public ConcurrentQueue<string> FailedSettlements { get; } = new();

    public ConcurrentQueue<CallLease> AnsweredLeases { get; } = new();

    public ConcurrentQueue<CallLease> Renewals { get; } = new();

    public AccountScript Script(string accountId, AccountScript? script = null) =>
        script is null ? _scripts.GetOrAdd(accountId, _ => new AccountScript()) : _scripts[accountId] = script;

    public IReadOnlyList<CallDetailRecord> SettlementsOf(string callId) =>
        Settlements.Where(r => r.CallId == callId).ToList();

    public Task<CallAuthorization> Authorize(string accountId, CallAuthorizationRequest request)
    {
        Authorizations.Enqueue(request);
        return Task.FromResult(Script(accountId).Authorize(request));
    }

    public Task<ReservationExtension> Extend(string accountId, string callId, TimeSpan answeredFor)
    {
        Extensions.Enqueue((callId, answeredFor));
        return Task.FromResult(Script(accountId).Extend(answeredFor));
    }

    public ConcurrentQueue<(string AccountId, string CallId)> Releases { get; } = new();

    public Task Release(string accountId, string callId)
    {
        Releases.Enqueue((accountId, callId));
        return Task.CompletedTask;
    }

    public Task Answered(string accountId, CallLease lease)
    {
        AnsweredLeases.Enqueue(lease);
        return Task.CompletedTask;
    }

    public Task Renew(string accountId, IReadOnlyList<CallLease> leases)
    {
        foreach (var lease in leases)
        {
            Renewals.Enqueue(lease);
        }

        return Task.CompletedTask;
    }

    public Task<SettlementResult> Settle(CallDetailRecord record)
    {
        if (Script(record.AccountId).TakeSettleFailure())
        {
            FailedSettlements.Enqueue(record.CallId);
            throw new InvalidOperationException("scripted settlement failure");
        }

        Settlements.Enqueue(record);
        return Task.FromResult(new SettlementResult(record.CallId, 0m, 0m, false));
    }
}
