namespace Switchboard.Grains.TopUps;

/// <summary>
/// The answer to one deposit report. <see cref="CreditedNow"/> is true only for the report that moved the deposit
/// from pending to credited; later reports see <see cref="TopUpStatus.Credited"/> with it false.
/// </summary>
[GenerateSerializer, Immutable, Alias("Switchboard.TopUpResult")]
public sealed record TopUpResult(
    [property: Id(0)] TopUpStatus Status,
    [property: Id(1)] bool CreditedNow,
    [property: Id(2)] decimal EurAmount,
    [property: Id(3)] int Confirmations,
    [property: Id(4)] int RequiredConfirmations,
    [property: Id(5)] decimal BalanceAfter,
    [property: Id(6)] string Reason)
{
    public static TopUpResult Reject(string reason) => new(TopUpStatus.Rejected, false, 0m, 0, 0, 0m, reason);
}
