namespace Switchboard.Grains.Accounts;

[GenerateSerializer, Alias("Switchboard.AccountStatus")]
public enum AccountStatus
{
    Active = 0,
    Locked = 1,
    Cancelled = 2,
}
