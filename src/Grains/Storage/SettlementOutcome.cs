using Switchboard.Grains.Billing;

namespace Switchboard.Grains.Storage;

/// <summary>
/// What the settlement transaction found: <see cref="Record"/> is the stored CDR (the first one when
/// <see cref="AlreadySettled"/>), <see cref="Balance"/> the account balance after it.
/// </summary>
public sealed record SettlementOutcome(bool AlreadySettled, CallDetailRecord Record, decimal Balance);
