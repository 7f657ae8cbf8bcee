namespace Switchboard.Silo.Api;

/// <summary>
/// Grains reject bad input with <see cref="ArgumentException"/> and state conflicts (a SIP domain or DID owned by
/// another tenant, an unconfigured tenant) with <see cref="InvalidOperationException"/>. The endpoints validate
/// first, so these are the checks only the grain can make; they become 400 and 409.
/// </summary>
public static class GrainErrors
{
    public static async Task<IResult> Map(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (ArgumentException ex)
        {
            return ApiProblems.Invalid("body", ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }
}
