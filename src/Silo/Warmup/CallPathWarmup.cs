using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using Switchboard.Silo.Hosting;

namespace Switchboard.Silo.Warmup;

/// <summary>
/// Runs calls through the whole call path before the silo starts, so the first real calls find it compiled. The
/// runtime compiles a method quickly on its first call and again, optimised, once it has run 30 times; a node started
/// into full load did that second compilation for about 5,000 methods in its first seconds, and those calls cost a
/// third more CPU and had a p99 near 50 ms (docs/benchmarks.md, "Warm-up before the listeners open"). Warmed here,
/// they run like calls on a node that has been up for minutes.
/// <para>
/// The calls never touch the real node or its database: they go through a private node of the same code (this
/// process, the embedded in-memory mode, its own tenant, account, extensions and carrier on free 127.0.0.1 ports),
/// which is stopped and dropped before the real node starts. Its grains, CDRs, ledger rows, metrics and admin keys
/// are gone with it; only the compiled code stays. A warm-up that fails costs only its time: the node starts cold.
/// </para>
/// </summary>
public static partial class CallPathWarmup
{
    private const string TenantId = "warmup";
    private const string Domain = "warmup.invalid";
    private const string AccountId = "acct-warmup";
    private const string RatePlanId = "plan-warmup";
    private const string Number = "4930123456";
    private static readonly TimeSpan StepWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Starts the private node, provisions it through its admin API, places <see cref="WarmupOptions.Calls"/> calls
    /// on <see cref="WarmupOptions.Lines"/> lines, waits for the runtime to finish the compilations they caused and
    /// stops the node. Never throws for a failed step: the result says what happened.
    /// </summary>
    /// <param name="configuration">The real node's configuration: the private node takes its media port range from it.</param>
    /// <param name="precompiled">
    /// The real node's <c>CallPathPrecompiler</c>: the calls start when it is done. The runtime only begins counting a
    /// method's calls once it has compiled nothing new for 100 ms, so calls placed while thousands of methods are
    /// being compiled in the background would leave the hot ones unoptimised.
    /// </param>
    public static async Task<WarmupResult> RunAsync(IConfiguration configuration, WarmupOptions options, Task precompiled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(precompiled);
        var clock = Stopwatch.StartNew();
        var compiledBefore = JitInfo.GetCompiledMethodCount();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        var calls = new CallCount();
        string? failure = null;
        WebApplication? node = null;
        try
        {
            await using var trunk = new WarmupTrunk();
            var key = "sbk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var settings = NodeSettings(configuration, key);
            node = await SiloHost.BuildAsync([], builder =>
            {
                // Only what is set here: not the operator's appsettings, environment or command line, which name the
                // real node's ports, database and exporters.
                builder.Configuration.Sources.Clear();
                builder.Configuration.AddInMemoryCollection(settings);
            }, privateNode: true, warmUp: false);
            await node.StartAsync(deadline.Token);

            using var http = new HttpClient { BaseAddress = new Uri(settings["Http:Urls"]!), Timeout = StepWait };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var passwords = await ProvisionAsync(http, trunk.Local, options.Lines, deadline.Token);
            var edge = new IPEndPoint(IPAddress.Loopback, int.Parse(settings["Sip:Port"]!, CultureInfo.InvariantCulture));
            await precompiled.WaitAsync(deadline.Token);

            // A quarter first: it compiles what the calls run the first time. Once the compiler is quiet, the runtime
            // counts calls, and the rest bring every method that runs on each call past the 30 that trigger its
            // optimised recompilation.
            var first = Math.Max(1, options.Calls / 4);
            await PlaceCallsAsync(edge, passwords, first, calls, deadline.Token);
            await CompilationSettledAsync(deadline.Token);
            await PlaceCallsAsync(edge, passwords, options.Calls - first, calls, deadline.Token);
            await CompilationSettledAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? $"did not finish within {options.TimeoutSeconds} s"
                : $"{ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            if (node is not null)
            {
                await StopAsync(node);
            }
        }

        // The private node's heap (its grains, the metric points it preallocated) is garbage now; the real node
        // should not pay for collecting it under its first load.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new WarmupResult(calls.Placed, calls.Completed, clock.Elapsed, JitInfo.GetCompiledMethodCount() - compiledBefore, failure);
    }

    /// <summary>Logs <paramref name="result"/>: information when every call completed, a warning otherwise.</summary>
    public static void Log(ILogger logger, WarmupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Failure is null && result.Completed == result.Placed)
        {
            LogWarmedUp(logger, result.Completed, result.Elapsed.TotalSeconds, result.MethodsCompiled);
        }
        else
        {
            LogIncomplete(logger, result.Completed, result.Placed, result.Elapsed.TotalSeconds, result.Failure ?? "some calls failed");
        }
    }

    private static Dictionary<string, string?> NodeSettings(IConfiguration configuration, string key)
    {
        var id = "warmup-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = id,
            ["Cluster:ServiceId"] = id,
            ["Cluster:SiloPort"] = FreeTcpPort(),
            ["Cluster:GatewayPort"] = FreeTcpPort(),
            ["Http:Urls"] = "http://127.0.0.1:" + FreeTcpPort(),
            ["Sip:ListenAddress"] = "127.0.0.1",
            ["Sip:Port"] = FreeUdpPort(),
            ["Sip:EdgeId"] = id,
            ["Sip:NonceSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),

            // The real node compiles its first tier in the background already; the calls compile the rest.
            ["Sip:Precompile"] = "false",
            ["Sip:DrainSeconds"] = "0",
            ["Media:Address"] = "127.0.0.1",
            ["Demo:Seed"] = "false",
            ["Admin:BootstrapKey"] = key,
            ["Logging:LogLevel:Default"] = "Error",
            ["Warmup:Calls"] = "0",
        };

        // The real node's relay range is free until it starts, and is the one an operator opened for this host.
        foreach (var range in new[] { "Media:PortMin", "Media:PortMax" })
        {
            if (configuration[range] is { } value)
            {
                settings[range] = value;
            }
        }

        return settings;
    }

    private static async Task<Dictionary<string, string>> ProvisionAsync(HttpClient http, IPEndPoint carrier, int lines, CancellationToken cancellationToken)
    {
        await SendAsync(http, HttpMethod.Post, "api/v1/tenants",
            JsonContent.Create(new { tenantId = TenantId, name = "Warm-up", sipDomain = Domain, accountId = AccountId }), cancellationToken);
        await SendAsync(http, HttpMethod.Put, $"api/v1/rate-plans/{RatePlanId}?description=Warm-up", new StringContent(
            "prefix,description,price_per_minute,connect_fee,increments,minimum_seconds,effective_from,effective_to\n49,Warm-up,0.0200,0,1/1,0,2020-01-01,\n",
            Encoding.UTF8, "text/csv"), cancellationToken);
        var limits = new { maxConcurrentCalls = 100_000, maxCallsPerMinute = 1_000_000, maxDailySpend = 10_000_000 };
        await SendAsync(http, HttpMethod.Post, "api/v1/accounts",
            JsonContent.Create(new { accountId = AccountId, tenantId = TenantId, ratePlanId = RatePlanId, creditLimit = 0, fraudLimits = limits }),
            cancellationToken);
        await SendAsync(http, HttpMethod.Post, $"api/v1/accounts/{AccountId}/credits",
            JsonContent.Create(new { reference = "warmup", amount = 1_000_000, description = "Warm-up" }), cancellationToken);
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = 1; line <= lines; line++)
        {
            var number = "w" + line.ToString("D3", CultureInfo.InvariantCulture);
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            await SendAsync(http, HttpMethod.Post, $"api/v1/tenants/{TenantId}/extensions",
                JsonContent.Create(new { number, displayName = $"Warm-up {line}", password }), cancellationToken);
            passwords[number] = password;
        }

        await SendAsync(http, HttpMethod.Put, $"api/v1/tenants/{TenantId}/trunks/carrier",
            JsonContent.Create(new { host = "127.0.0.1", port = carrier.Port, transport = "udp", priority = 1 }), cancellationToken);
        return passwords;
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, HttpContent body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {problem[..Math.Min(problem.Length, 200)]}");
        }
    }

    private static async Task PlaceCallsAsync(IPEndPoint edge, Dictionary<string, string> passwords, int total, CallCount calls, CancellationToken cancellationToken)
    {
        var remaining = total;
        await Task.WhenAll(passwords.Select(line => Task.Run(async () =>
        {
            using var caller = new WarmupCaller(edge, line.Key, line.Value, Domain, Number, StepWait);
            while (!cancellationToken.IsCancellationRequested && Interlocked.Decrement(ref remaining) >= 0)
            {
                Interlocked.Increment(ref calls.Placed);
                if (await caller.CallAsync(cancellationToken))
                {
                    Interlocked.Increment(ref calls.Completed);
                }
            }
        }, cancellationToken)));
    }

    /// <summary>
    /// Waits until the runtime has stopped compiling: the optimised recompilations run on a background thread a
    /// little after the calls that caused them.
    /// </summary>
    private static async Task CompilationSettledAsync(CancellationToken cancellationToken)
    {
        var last = JitInfo.GetCompiledMethodCount();
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now - last < 10)
            {
                return;
            }

            last = now;
        }
    }

    private static async Task StopAsync(WebApplication node)
    {
        using var stop = new CancellationTokenSource(StopWait);
        try
        {
            await node.StopAsync(stop.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Stopped mid-start (the warm-up timed out there) or too slow to stop: dropped all the same, its services
            // are disposed below.
        }

        try
        {
            await node.DisposeAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing of the private node is used again; the real node starts either way.
        }
    }

    private static string FreeTcpPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
    }

    private static string FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information,
        Message = "Warm-up: {Calls} calls through a private node in {Seconds:F1} s, {Methods} methods compiled; the call path is ready")]
    private static partial void LogWarmedUp(ILogger logger, int calls, double seconds, long methods);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "Warm-up incomplete: {Completed} of {Placed} calls completed in {Seconds:F1} s ({Failure}); the first calls will be slower")]
    private static partial void LogIncomplete(ILogger logger, int completed, int placed, double seconds, string failure);

    private sealed class CallCount
    {
        public int Placed;
        public int Completed;
    }
}
