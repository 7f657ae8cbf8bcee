namespace Switchboard.Grains.Calls;

/// <summary>What the <see cref="CallStateMachine"/> asks its grain to do; see <see cref="CallCommand"/>.</summary>
public enum CallCommandKind
{
    /// <summary>Put the call's lease and list line in this silo's <see cref="LiveCallRegistry"/> (renewed in batches).</summary>
    PublishLease = 0,

    /// <summary>The call was answered: count the set-up time, journal the lease with the account (one-way), list the call.</summary>
    AnnounceAnswer = 1,

    /// <summary>
    /// Send BYE/CANCEL/final response to the legs in <see cref="CallCommand.Terminations"/> through their edges;
    /// those owned by <see cref="CallCommand.Edge"/> (the edge that reported the end) go back to it in the reply.
    /// </summary>
    EndLegs = 2,

    /// <summary>Ask the account for the next credit slice for <see cref="CallCommand.AnsweredFor"/> of talk; answer with
    /// <see cref="CallStateMachine.CreditExtended"/> or <see cref="CallStateMachine.CreditExtensionFailed"/>.</summary>
    ExtendCredit = 3,

    /// <summary>Like <see cref="ExtendCredit"/>, after showing the account the call's lease (it lost it with its silo).</summary>
    ReattachAndExtendCredit = 4,

    /// <summary>The call is over: count it and take it off the tenant's active list.</summary>
    CloseCall = 5,

    /// <summary>Send the CDR to the account; answer with <see cref="CallStateMachine.SettlementAccepted"/> or
    /// <see cref="CallStateMachine.SettlementFailed"/>.</summary>
    Settle = 6,

    /// <summary>Settled: the account no longer holds a lease for the call; drop it from the registry.</summary>
    WithdrawLease = 7,

    /// <summary>The settled call lingered long enough: deactivate the grain.</summary>
    Retire = 8,
}
