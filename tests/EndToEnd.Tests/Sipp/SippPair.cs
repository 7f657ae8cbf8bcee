using Switchboard.TestKit.Hosting;

namespace Switchboard.EndToEnd.Tests.Sipp;

/// <summary>Runs a callee scenario in the background and a caller scenario against the edge; both must pass.</summary>
public static class SippPair
{
    public static async Task RunAsync(SippRun callee, SippRun caller)
    {
        await using var uas = SippRunner.Start(callee);

        // sipp binds its socket during start-up; the caller's INVITE must not meet a closed port.
        if (callee.LocalPort == 0 || !await BoundPorts.WaitAsync(callee.LocalPort, TimeSpan.FromSeconds(5)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400));
        }
        var uac = await SippRunner.RunAsync(caller);
        var uasResult = await uas.WaitAsync();
        uac.AssertSucceeded();
        uasResult.AssertSucceeded();
    }
}
