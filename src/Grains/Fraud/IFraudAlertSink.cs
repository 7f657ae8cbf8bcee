namespace Switchboard.Grains.Fraud;

/// <summary>
/// Where fraud alerts go besides the alert table: logs, a webhook, a pager. Every registered sink gets every alert;
/// <see cref="FraudAlert.LockedAccount"/> marks the alert that locked an account. A sink must not throw for a
/// delivery failure it can report itself; the account grain logs and carries on if one does.
/// </summary>
public interface IFraudAlertSink
{
    Task NotifyAsync(FraudAlert alert, CancellationToken cancellationToken);
}
