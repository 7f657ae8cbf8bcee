using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Phones;
using Switchboard.Grains.Billing;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// Two different real softphones against the co-hosted edge: linphonec (liblinphone, belle-sip) and baresip (libre),
/// each registering with its digest credentials, calling each other in either direction, audio through the media
/// relay both ways (each records what it decodes), BYE from the side that did not place the call as well as from the
/// caller, and an answered CDR. linphonec offers Opus, Speex and G.711; baresip here takes G.711 only, so this is
/// also an offer/answer between phones that do not share a first choice. Fails, naming the package, when
/// linphone-cli or baresip is not installed.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class LinphoneCallTests(EdgeCluster cluster) : IDisposable
{
    private readonly string _tone = Path.Combine(Path.GetTempPath(), $"tone-{Guid.NewGuid():N}.wav");

    [Fact]
    public async Task LinphoneCallsBaresip_CallerHangsUp_AudioBothWaysAndAnsweredCdr()
    {
        var since = DateTimeOffset.UtcNow;
        await using var linphone = await StartLinphoneAsync("1001");
        await using var baresip = await StartBaresipAsync("1002");

        await linphone.CommandAsync($"call sip:1002@{Provisioning.Domain}");
        await baresip.WaitForEventAsync("CALL_INCOMING");
        await baresip.CommandAsync("accept");
        await linphone.WaitForOutputAsync("Media streams established");
        await baresip.WaitForEventAsync("CALL_ESTABLISHED");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await linphone.CommandAsync("terminate");
        await baresip.WaitForEventAsync("CALL_CLOSED");
        await linphone.WaitForOutputAsync("ended");

        AssertHeardBothWays(linphone, baresip);
        var cdr = await SettledCdrs.WaitAsync(cluster.Silo, "1001", "1002", since);
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
        Assert.Equal(CallDirection.OnNet, cdr.Direction);
        Assert.InRange((cdr.EndedAt - cdr.AnsweredAt!.Value).TotalSeconds, 1, 15);
    }

    [Fact]
    public async Task BaresipCallsLinphone_CallerHangsUp_AudioBothWaysAndAnsweredCdr()
    {
        var since = DateTimeOffset.UtcNow;
        await using var baresip = await StartBaresipAsync("1001");
        await using var linphone = await StartLinphoneAsync("1002");

        await baresip.CommandAsync("dial", $"sip:1002@{Provisioning.Domain}");
        await linphone.WaitForOutputAsync("Receiving new incoming call");
        await linphone.CommandAsync("answer");
        await baresip.WaitForEventAsync("CALL_ESTABLISHED");
        await linphone.WaitForOutputAsync("Media streams established");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await baresip.CommandAsync("hangup");
        await linphone.WaitForOutputAsync("ended");
        await baresip.WaitForEventAsync("CALL_CLOSED");

        AssertHeardBothWays(linphone, baresip);
        var cdr = await SettledCdrs.WaitAsync(cluster.Silo, "1001", "1002", since);
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
        Assert.Equal(CallDirection.OnNet, cdr.Direction);
        Assert.InRange((cdr.EndedAt - cdr.AnsweredAt!.Value).TotalSeconds, 1, 15);
    }

    public void Dispose() => File.Delete(_tone);

    private static void AssertHeardBothWays(LinphonePhone linphone, BaresipPhone baresip)
    {
        var heardByLinphone = WavAudio.ReadSamples(linphone.Recording);
        var heardByBaresip = WavAudio.ReadSamples(baresip.DecodedRecording());
        Assert.True(WavAudio.Rms(heardByLinphone) > 1000, $"linphone heard silence (RMS {WavAudio.Rms(heardByLinphone):F0})\n{linphone.Output}");
        Assert.True(WavAudio.Rms(heardByBaresip) > 1000, $"baresip heard silence (RMS {WavAudio.Rms(heardByBaresip):F0})\n{baresip.Output}");
    }

    /// <summary>linphonec registered as <paramref name="extension"/>, no bindings left from other tests.</summary>
    private async Task<LinphonePhone> StartLinphoneAsync(string extension)
    {
        await cluster.Provisioning.BindAsync(extension);
        WriteTone();
        return await LinphonePhone.StartAsync(extension, Provisioning.Password(extension), Provisioning.Domain, cluster.Silo.SipPort, _tone);
    }

    /// <summary>baresip registered as <paramref name="extension"/>, no bindings left from other tests.</summary>
    private async Task<BaresipPhone> StartBaresipAsync(string extension)
    {
        await cluster.Provisioning.BindAsync(extension);
        WriteTone();
        return await BaresipPhone.StartAsync(extension, Provisioning.Password(extension), Provisioning.Domain, cluster.Silo.SipPort, _tone);
    }

    private void WriteTone()
    {
        if (!File.Exists(_tone))
        {
            WavAudio.WriteTone(_tone, 60);
        }
    }
}
