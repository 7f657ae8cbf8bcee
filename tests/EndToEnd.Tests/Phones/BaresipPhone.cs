using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Switchboard.EndToEnd.Tests.Phones;

/// <summary>
/// A real softphone: baresip (Debian <c>baresip-core</c>) on 127.0.0.1, registered through the edge as one extension,
/// driven through its <c>ctrl_tcp</c> module (netstring-framed JSON commands, events back on the same connection). It
/// sends a 440 Hz tone (<c>aufile</c>) and its <c>sndfile</c> module writes what it decodes to <c>dump-*-dec.wav</c> in
/// its directory. Only G.711 is loaded, so the relay carries PCMU/PCMA at 8 kHz.
/// </summary>
public sealed class BaresipPhone : IAsyncDisposable
{
    private const string Binary = "/usr/bin/baresip";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly TcpClient _control = new(AddressFamily.InterNetwork);
    private readonly List<JsonElement> _messages = [];
    private readonly StringBuilder _output = new();
    private Task _reader = Task.CompletedTask;
    private int _token;

    private BaresipPhone(string directory, Process process)
    {
        Directory = directory;
        _process = process;
    }

    /// <summary>The phone's config directory and working directory: its recordings land here (deleted with the phone).</summary>
    public string Directory { get; }

    /// <summary>
    /// Starts baresip for <paramref name="user"/> of <paramref name="domain"/>, registering through the edge at
    /// <paramref name="edgePort"/> (an outbound proxy: the domain is not in DNS), and waits for REGISTER_OK.
    /// <paramref name="mediaEncryption"/> (<c>srtp-mand</c>: SDES keys in a=crypto, RTP/SAVP only) loads the
    /// <c>srtp</c> module and turns on the SIP trace, so <see cref="Output"/> holds the SDP the phone sent and received.
    /// </summary>
    public static async Task<BaresipPhone> StartAsync(string user, string password, string domain, int edgePort, string tone, string? mediaEncryption = null)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} not found: install the Debian package baresip-core (apt-get install baresip-core); .ci/run does.");
        }

        var (sipPort, controlPort) = (PhonePort(), PhonePort());
        var directory = Path.Combine(Path.GetTempPath(), $"baresip-{user}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config"), string.Join('\n',
            "poll_method epoll",
            $"sip_listen 127.0.0.1:{sipPort}",
            "module_path /usr/lib/baresip/modules",
            "module g711.so",
            "module aufile.so",
            "module sndfile.so",
            // Before account.so: an account's mediaenc must name a loaded module.
            mediaEncryption is null ? string.Empty : "module srtp.so",
            "module account.so",
            "module menu.so",
            "module ctrl_tcp.so",
            $"ctrl_tcp_listen 127.0.0.1:{controlPort}",
            $"audio_source aufile,{tone}",
            $"snd_path {directory}",
            "rtp_ports 39000-39999",
            string.Empty));
        File.WriteAllText(Path.Combine(directory, "accounts"),
            $"<sip:{user}@{domain}>;auth_pass={password};outbound=\"sip:127.0.0.1:{edgePort}\";regint=300;answermode=manual{(mediaEncryption is null ? string.Empty : $";mediaenc={mediaEncryption}")}\n");

        var start = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in mediaEncryption is null ? ["-4", "-n", "127.0.0.1", "-f", directory] : new[] { "-4", "-s", "-n", "127.0.0.1", "-f", directory })
        {
            start.ArgumentList.Add(argument);
        }

        var phone = new BaresipPhone(directory, Process.Start(start) ?? throw new InvalidOperationException("baresip did not start"));
        phone._process.OutputDataReceived += (_, e) => phone.Log(e.Data);
        phone._process.ErrorDataReceived += (_, e) => phone.Log(e.Data);
        phone._process.BeginOutputReadLine();
        phone._process.BeginErrorReadLine();
        await phone.ConnectAsync(controlPort);

        // The REGISTER leaves at start-up, often before the control connection is up to see its event: read the log.
        await phone.WaitForOutputAsync($"{user}@{domain}: {{0/UDP/v4}} 200 OK", "REGISTER answered 200");
        return phone;
    }

    /// <summary>What baresip printed, for a failure message.</summary>
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

    /// <summary>Runs a menu command (<c>dial</c>, <c>accept</c>, <c>hold</c>, <c>resume</c>, <c>hangup</c>) and checks it was taken.</summary>
    public async Task CommandAsync(string command, string parameters = "")
    {
        var token = Interlocked.Increment(ref _token).ToString(CultureInfo.InvariantCulture);
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = command, ["params"] = parameters, ["token"] = token });
        var payload = Encoding.UTF8.GetBytes(json);
        var frame = Encoding.ASCII.GetBytes($"{payload.Length}:").Concat(payload).Append((byte)',').ToArray();
        await _control.GetStream().WriteAsync(frame);
        var response = await NextAsync(e => e.TryGetProperty("response", out _) && e.TryGetProperty("token", out var t) && t.GetString() == token, $"the answer to '{command}'");
        Assert.True(response.GetProperty("ok").GetBoolean(), $"baresip refused '{command} {parameters}': {response}\n{Output}");
    }

    /// <summary>Waits for the next event of <paramref name="type"/> (e.g. CALL_ESTABLISHED), skipping others.</summary>
    public Task<JsonElement> WaitForEventAsync(string type) =>
        NextAsync(e => e.TryGetProperty("event", out _) && e.TryGetProperty("type", out var t) && t.GetString() == type, type);

    /// <summary>The same for an event whose <c>param</c> is <paramref name="param"/> (CALL_REMOTE_SDP: offer or answer).</summary>
    public Task<JsonElement> WaitForEventAsync(string type, string param) =>
        NextAsync(
            e => e.TryGetProperty("event", out _) && e.TryGetProperty("type", out var t) && t.GetString() == type
                && e.TryGetProperty("param", out var p) && p.GetString() == param,
            $"{type} ({param})");

    private async Task WaitForOutputAsync(string text, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (deadline.Elapsed > Wait || _process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"baresip: no {what} within {Wait.TotalSeconds} s\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The recording of what this phone decoded during its call (one call per phone).</summary>
    public string DecodedRecording() =>
        System.IO.Directory.GetFiles(Directory, "dump-*-dec.wav").SingleOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"baresip wrote no decoded recording in {Directory}\n{Output}");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Nothing to unregister for: the test's bindings go with the cluster.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _control.Dispose();
        _process.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The connection went with the process.
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A free loopback port whose successor is free too: baresip puts a TLS listener on sip_listen + 1.</summary>
    private static int PhonePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = TestKit.Hosting.FreePorts.Next();
            try
            {
                using var next = new TcpListener(IPAddress.Loopback, port + 1);
                next.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No pair of free loopback ports for baresip");
    }

    private async Task ConnectAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _control.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (attempt < 50 && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        _reader = ReadAsync(_control.GetStream());
    }

    /// <summary>Netstrings (<c>length:payload,</c>) of JSON, events and command answers alike, into one channel.</summary>
    private async Task ReadAsync(NetworkStream stream)
    {
        var pending = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            pending.AddRange(buffer.AsSpan(0, read));
            while (pending.IndexOf((byte)':') is var colon and > 0
                && int.TryParse(Encoding.ASCII.GetString([.. pending.GetRange(0, colon)]), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                && pending.Count >= colon + 1 + length + 1)
            {
                var json = pending.GetRange(colon + 1, length).ToArray();
                pending.RemoveRange(0, colon + 1 + length + 1);
                using var document = JsonDocument.Parse(json);
                lock (_messages)
                {
                    _messages.Add(document.RootElement.Clone());
                }
            }
        }
    }

    /// <summary>Takes the first message not taken yet that <paramref name="wanted"/> matches, waiting for it if need be.</summary>
    private async Task<JsonElement> NextAsync(Func<JsonElement, bool> wanted, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Wait)
        {
            lock (_messages)
            {
                var at = _messages.FindIndex(m => wanted(m));
                if (at >= 0)
                {
                    var found = _messages[at];
                    _messages.RemoveAt(at);
                    return found;
                }
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"baresip: no {what} within {Wait.TotalSeconds} s\n{Output}");
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
