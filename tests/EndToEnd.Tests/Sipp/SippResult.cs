namespace Switchboard.EndToEnd.Tests.Sipp;

/// <summary>How a sipp run ended: exit code 0 means every call followed the scenario (sipp(1), "Exit codes").</summary>
public sealed record SippResult(string Scenario, int ExitCode, bool TimedOut, string Output, string Errors)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>Fails the test with sipp's own output so a broken scenario explains itself.</summary>
    public void AssertSucceeded()
    {
        if (!Succeeded)
        {
            Assert.Fail($"sipp {Scenario} exited {ExitCode}{(TimedOut ? " (killed after hard timeout)" : string.Empty)}\n--- errors ---\n{Tail(Errors)}\n--- output ---\n{Tail(Output)}");
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
