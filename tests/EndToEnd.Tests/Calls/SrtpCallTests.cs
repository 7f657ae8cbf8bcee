using System.Text.RegularExpressions;
using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Phones;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// SDES-SRTP (RFC 4568) through the edge: two baresip phones that accept only RTP/SAVP call each other. The edge
/// anchors the media on its relay but passes the profile and every a=crypto line on unchanged, so the phones agree
/// on keys with each other and their encrypted audio crosses the relay as it is (the relay holds no key). Each
/// phone's SIP trace shows the SDP it sent and received.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed partial class SrtpCallTests(EdgeCluster cluster) : IDisposable
{
    private readonly string _tone = Path.Combine(Path.GetTempPath(), $"tone-{Guid.NewGuid():N}.wav");

    [Fact]
    public async Task Call_BothPhonesSrtpMandatory_KeysPassedEndToEndAndAudioBothWaysThroughTheRelay()
    {
        await cluster.Provisioning.BindAsync("1001");
        await cluster.Provisioning.BindAsync("1002");
        WavAudio.WriteTone(_tone, 30);
        await using var caller = await BaresipPhone.StartAsync("1001", Provisioning.Password("1001"), Provisioning.Domain, cluster.Silo.SipPort, _tone, "srtp-mand");
        await using var callee = await BaresipPhone.StartAsync("1002", Provisioning.Password("1002"), Provisioning.Domain, cluster.Silo.SipPort, _tone, "srtp-mand");

        await caller.CommandAsync("dial", $"sip:1002@{Provisioning.Domain}");
        await callee.WaitForEventAsync("CALL_INCOMING");
        await callee.CommandAsync("accept");
        await caller.WaitForEventAsync("CALL_ESTABLISHED");
        await callee.WaitForEventAsync("CALL_ESTABLISHED");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await caller.CommandAsync("hangup");
        await callee.WaitForEventAsync("CALL_CLOSED");

        // The offer's keys and the answer's keys are the same lines in both phones' traces: the edge kept them.
        var (callerTrace, calleeTrace) = (caller.Output, callee.Output);
        var keys = CryptoLines(callerTrace);
        Assert.True(keys.Count >= 2, $"expected a=crypto lines in the offer and the answer\n{callerTrace}");
        Assert.Equal(keys, CryptoLines(calleeTrace));
        Assert.All(MediaLines(callerTrace).Concat(MediaLines(calleeTrace)), m => Assert.Contains(" RTP/SAVP ", m, StringComparison.Ordinal));

        // Anchored: the port the callee was offered is the relay's, not the one the caller listens on.
        var calleeSaw = MediaLines(calleeTrace).Select(Port).ToHashSet();
        var callerSaw = MediaLines(callerTrace).Select(Port).ToHashSet();
        Assert.True(calleeSaw.Count >= 2 && !callerSaw.SetEquals(calleeSaw), $"media was not anchored on the relay: {string.Join(", ", calleeSaw)}");

        // Each phone ran SRTP and decrypted the other's audio: a key changed on the way would leave it silent.
        // (baresip 1.0 also logs one "failed to decrypt RTCP packet with 16 bytes" as a call starts, phone to phone
        // without the edge too, so that line proves nothing either way.)
        Assert.Contains("SRTP is Enabled (cryptosuite=", callerTrace, StringComparison.Ordinal);
        Assert.Contains("SRTP is Enabled (cryptosuite=", calleeTrace, StringComparison.Ordinal);
        Assert.True(WavAudio.Rms(WavAudio.ReadSamples(caller.DecodedRecording())) > 1000, $"the caller heard silence\n{callerTrace}");
        Assert.True(WavAudio.Rms(WavAudio.ReadSamples(callee.DecodedRecording())) > 1000, $"the callee heard silence\n{calleeTrace}");
    }

    public void Dispose() => File.Delete(_tone);

    private static SortedSet<string> CryptoLines(string trace) => [.. CryptoLine().Matches(trace).Select(m => m.Value.TrimEnd())];

    private static List<string> MediaLines(string trace) => [.. MediaLine().Matches(trace).Select(m => m.Value.TrimEnd())];

    private static string Port(string mediaLine) => mediaLine.Split(' ')[1];

    [GeneratedRegex(@"a=crypto:[^\r\n]+")]
    private static partial Regex CryptoLine();

    [GeneratedRegex(@"m=audio [^\r\n]+")]
    private static partial Regex MediaLine();
}
