using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.TestKit.Dns;

/// <summary>
/// A real DNS server for tests: dnsmasq on 127.0.0.1 and a free port, answering only the records it is given
/// (no upstream, no /etc/hosts). Names under <c>.test</c> (RFC 2606) that it was not given are NXDOMAIN.
/// Shared by Sip.Tests (linked source) and the end-to-end tests.
/// </summary>
public sealed class DnsmasqServer : IAsyncDisposable
{
    public const string MissingMessage =
        "dnsmasq was not found on PATH, /usr/sbin or /sbin. Install the Debian package 'dnsmasq-base' " +
        "(apt-get install -y --no-install-recommends dnsmasq-base; the 'dnsmasq' package adds a system service we do not want); .ci/run does this automatically.";

    private readonly Process _process;

    private DnsmasqServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value for <c>Sip:Dns:NameServers:0</c>.</summary>
    public string NameServer => $"127.0.0.1:{Port}";

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>An SRV record: <c>_sip._udp.carrier.test</c> → <paramref name="target"/>:<paramref name="port"/>.</summary>
    public static string Srv(string service, string target, int port, int priority, int weight) =>
        string.Create(CultureInfo.InvariantCulture, $"--srv-host={service},{target},{port},{priority},{weight}");

    /// <summary>A/AAAA records of <paramref name="name"/>.</summary>
    public static string Host(string name, params string[] addresses) => $"--host-record={name},{string.Join(',', addresses)}";

    /// <summary>Starts dnsmasq with the given record options (<see cref="Srv"/>, <see cref="Host"/>); fails loudly when it cannot.</summary>
    public static async Task<DnsmasqServer> StartAsync(params string[] records)
    {
        var binary = Find() ?? throw new InvalidOperationException(MissingMessage);
        string? lastError = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreeUdpPort();
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[
                "--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--pid-file",
                "--listen-address=127.0.0.1", "--bind-interfaces", $"--port={port}", "--local=/test/", .. records])
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}");
            var stderr = process.StandardError.ReadToEndAsync();
            if (await WaitListeningAsync(process, port))
            {
                return new DnsmasqServer(process, port);
            }

            // Lost the race for the port (or a bad option): dnsmasq says which on stderr.
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync();
            lastError = await stderr;
            process.Dispose();
        }

        throw new InvalidOperationException($"dnsmasq did not start: {lastError}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, "dnsmasq"))
            .FirstOrDefault(File.Exists);

    private static int FreeUdpPort()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
    }

    /// <summary>dnsmasq serves TCP on the same port as UDP: a TCP connect proves it is up.</summary>
    private static async Task<bool> WaitListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
