using Switchboard.EndToEnd.Tests.Fixtures;
using Switchboard.EndToEnd.Tests.Phones;
using Switchboard.Grains.Billing;

namespace Switchboard.EndToEnd.Tests.Calls;

/// <summary>
/// Two real softphones (baresip) against the co-hosted edge: each registers with its digest credentials, 1001 calls
/// 1002, audio flows both ways through the media relay (each phone records what it decodes), hold and resume go
/// through the edge as re-INVITEs (offer to the callee, answer back to the caller), either side hangs up, and the CDR says what happened. Fails, naming the package, when
/// baresip is not installed.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class BaresipCallTests(EdgeCluster cluster) : IDisposable
{
    private readonly string _tone = Path.Combine(Path.GetTempPath(), $"tone-{Guid.NewGuid():N}.wav");

    [Fact]
    public async Task Call_HoldResumeCalleeHangsUp_AudioBothWaysAndAnsweredCdr()
    {
        var since = DateTimeOffset.UtcNow;
        await using var phones = await RegisterBothAsync();
        var (caller, callee) = (phones.Caller, phones.Callee);

        await ConnectAsync(caller, callee);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Hold and resume (RFC 3264 §8.4): each re-INVITE reaches the callee as a new offer through the edge, and the
        // callee's answer comes back to the caller (the edge relays the 2xx and retransmits it until the ACK).
        await caller.CommandAsync("hold");
        await callee.WaitForEventAsync("CALL_REMOTE_SDP", "offer");
        await caller.WaitForEventAsync("CALL_REMOTE_SDP", "answer");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await caller.CommandAsync("resume");
        await callee.WaitForEventAsync("CALL_REMOTE_SDP", "offer");
        await caller.WaitForEventAsync("CALL_REMOTE_SDP", "answer");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await callee.CommandAsync("hangup");
        await caller.WaitForEventAsync("CALL_CLOSED");
        await callee.WaitForEventAsync("CALL_CLOSED");

        // Both directions carried the tone through the relay before the hold. (baresip 1.0 stops decoding at a hold and
        // does not start again after the resume, also phone to phone without the edge, so the recordings end there.)
        var heardByCaller = WavAudio.ReadSamples(caller.DecodedRecording());
        var heardByCallee = WavAudio.ReadSamples(callee.DecodedRecording());
        Assert.True(WavAudio.Rms(heardByCaller) > 1000, $"the caller heard silence (RMS {WavAudio.Rms(heardByCaller):F0})");
        Assert.True(WavAudio.Rms(heardByCallee) > 1000, $"the callee heard silence (RMS {WavAudio.Rms(heardByCallee):F0})");
        Assert.True(heardByCaller.Length > 8000 && heardByCallee.Length > 8000, "less than a second of audio was decoded");

        var cdr = await SettledCdrs.WaitAsync(cluster.Silo, "1001", "1002", since);
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
        Assert.Equal(CallDirection.OnNet, cdr.Direction);
        Assert.InRange((cdr.EndedAt - cdr.AnsweredAt!.Value).TotalSeconds, 5, 20);
    }

    [Fact]
    public async Task Call_CallerHangsUp_CalleeSeesByeAndAnsweredCdr()
    {
        var since = DateTimeOffset.UtcNow;
        await using var phones = await RegisterBothAsync();
        var (caller, callee) = (phones.Caller, phones.Callee);

        await ConnectAsync(caller, callee);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await caller.CommandAsync("hangup");
        await callee.WaitForEventAsync("CALL_CLOSED");
        await caller.WaitForEventAsync("CALL_CLOSED");

        Assert.True(WavAudio.Rms(WavAudio.ReadSamples(callee.DecodedRecording())) > 1000, "the callee heard silence");
        var cdr = await SettledCdrs.WaitAsync(cluster.Silo, "1001", "1002", since);
        Assert.Equal(CallDisposition.Answered, cdr.Disposition);
        Assert.InRange((cdr.EndedAt - cdr.AnsweredAt!.Value).TotalSeconds, 1, 15);
    }

    public void Dispose() => File.Delete(_tone);

    /// <summary>Both phones registered through the edge (digest, MD5 by default), with no bindings left from other tests.</summary>
    private async Task<PhonePair> RegisterBothAsync()
    {
        await cluster.Provisioning.BindAsync("1001");
        await cluster.Provisioning.BindAsync("1002");
        if (!File.Exists(_tone))
        {
            WavAudio.WriteTone(_tone, 60);
        }

        var caller = await BaresipPhone.StartAsync("1001", Provisioning.Password("1001"), Provisioning.Domain, cluster.Silo.SipPort, _tone);
        try
        {
            return new PhonePair(caller, await BaresipPhone.StartAsync("1002", Provisioning.Password("1002"), Provisioning.Domain, cluster.Silo.SipPort, _tone));
        }
        catch
        {
            await caller.DisposeAsync();
            throw;
        }
    }

    private static async Task ConnectAsync(BaresipPhone caller, BaresipPhone callee)
    {
        await caller.CommandAsync("dial", $"sip:1002@{Provisioning.Domain}");
        await callee.WaitForEventAsync("CALL_INCOMING");
        await callee.CommandAsync("accept");
        await caller.WaitForEventAsync("CALL_ESTABLISHED");
        await callee.WaitForEventAsync("CALL_ESTABLISHED");

        // The initial offer and answer, so the hold test's waits see only the re-INVITEs' SDP.
        await callee.WaitForEventAsync("CALL_REMOTE_SDP", "offer");
        await caller.WaitForEventAsync("CALL_REMOTE_SDP", "answer");
    }

    /// <summary>Two phones disposed together.</summary>
    private sealed record PhonePair(BaresipPhone Caller, BaresipPhone Callee) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Caller.DisposeAsync();
            await Callee.DisposeAsync();
        }
    }
}
