using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchboard.EndToEnd.Tests.Phones;

/// <summary>
/// A second real softphone: linphonec (Debian <c>linphone-cli</c>, liblinphone 5) on 127.0.0.1, registered through the
/// edge as one extension and driven through its command line on stdin. There is no sound card here: in file mode
/// (<c>soundcard use files</c>) it sends a WAV file (<c>play</c>) and writes what it decodes to another
/// (<c>record</c>). Its account, with the edge as registrar and outbound proxy (the domain is not in DNS), is in its
/// own configuration file.
/// </summary>
public sealed class LinphonePhone : IAsyncDisposable
{
    private const string Binary = "/usr/bin/linphonec";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LinphonePhone(string directory, Process process)
    {
        Directory = directory;
        _process = process;
    }

    /// <summary>The phone's configuration, home and recording directory (deleted with the phone).</summary>
    public string Directory { get; }

    /// <summary>What this phone decoded during its call, written in file mode.</summary>
    public string Recording => Path.Combine(Directory, "heard.wav");

    /// <summary>
    /// Starts linphonec for <paramref name="user"/> of <paramref name="domain"/>, registering through the edge at
    /// <paramref name="edgePort"/> with digest credentials, sending <paramref name="tone"/> in calls, and waits until
    /// its account reports registered.
    /// </summary>
    public static async Task<LinphonePhone> StartAsync(string user, string password, string domain, int edgePort, string tone)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} not found: install the Debian package linphone-cli (apt-get install linphone-cli); .ci/run does.");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"linphone-{user}-{Guid.NewGuid():N}");

        // liblinphone keeps its call history in $HOME/.local/share/linphone; when it cannot create that database the
        // core never starts its SIP transports, and no REGISTER is ever sent. A home of its own avoids both that and
        // sharing state with another phone.
        System.IO.Directory.CreateDirectory(Path.Combine(directory, ".local", "share", "linphone"));
        var (sipPort, rtpPort) = (TestKit.Hosting.FreePorts.Next(), RtpPort());
        File.WriteAllText(Path.Combine(directory, "linphonerc"), string.Join('\n',
            "[sip]",
            $"sip_port={sipPort}",
            "sip_tcp_port=0",
            "sip_tls_port=0",
            "default_proxy=0",
            "[rtp]",
            $"audio_rtp_port={rtpPort}",
            "[video]",
            "enabled=0",
            "[proxy_0]",
            $"reg_proxy=<sip:127.0.0.1:{edgePort}>",
            $"reg_route=<sip:127.0.0.1:{edgePort};lr>",
            $"reg_identity=sip:{user}@{domain}",
            "reg_expires=300",
            "reg_sendregister=1",
            "[auth_info_0]",
            $"username={user}",
            $"passwd={password}",
            $"domain={domain}",
            string.Empty));

        var start = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["HOME"] = directory },
        };
        foreach (var argument in new[] { "-c", Path.Combine(directory, "linphonerc"), "-d", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        var phone = new LinphonePhone(directory, Process.Start(start) ?? throw new InvalidOperationException("linphonec did not start"));
        phone._process.OutputDataReceived += (_, e) => phone.Log(e.Data);
        phone._process.ErrorDataReceived += (_, e) => phone.Log(e.Data);
        phone._process.BeginOutputReadLine();
        phone._process.BeginErrorReadLine();
        try
        {
            await phone.CommandAsync("soundcard use files");
            await phone.WaitForOutputAsync("Using wav files instead of soundcard.");
            await phone.CommandAsync($"play {tone}");
            await phone.CommandAsync($"record {phone.Recording}");
            await phone.WaitForRegistrationAsync($"registered, identity=sip:{user}@{domain}");
            return phone;
        }
        catch
        {
            await phone.DisposeAsync();
            throw;
        }
    }

    /// <summary>What linphonec printed, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Types one command line (<c>call sip:…</c>, <c>terminate</c>, <c>answer</c>).</summary>
    public async Task CommandAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits until linphonec has printed <paramref name="text"/> (e.g. "connected.", "ended").</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > Wait || _process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"linphonec: no '{text}' within {Wait.TotalSeconds} s\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await CommandAsync("quit");
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>linphonec prints nothing when its account registers: ask with <c>status register</c> until it says so.</summary>
    private async Task WaitForRegistrationAsync(string registered)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(registered, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > Wait || _process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"linphonec: not registered within {Wait.TotalSeconds} s\n{Output}");
            }

            await CommandAsync("status register");
            await Task.Delay(200);
        }
    }

    /// <summary>A free loopback port whose successor is free too: RTCP goes on the RTP port + 1.</summary>
    private static int RtpPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = TestKit.Hosting.FreePorts.Next();
            try
            {
                using var next = new UdpClient(new IPEndPoint(IPAddress.Loopback, port + 1));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No pair of free loopback ports for linphonec's RTP and RTCP");
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
