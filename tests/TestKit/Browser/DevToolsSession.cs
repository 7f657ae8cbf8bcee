using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.TestKit.Browser;

/// <summary>
/// The few Chrome DevTools Protocol commands a page test needs (navigate, evaluate, click, screenshot) over one page
/// target's WebSocket. Events are ignored; every command has a timeout so a stuck browser fails the test.
/// </summary>
public sealed class DevToolsSession : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiver;
    private int _nextId;

    private DevToolsSession(ClientWebSocket socket)
    {
        _socket = socket;
        _receiver = Task.Run(ReceiveLoopAsync);
    }

    public static async Task<DevToolsSession> ConnectAsync(Uri endpoint)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await socket.ConnectAsync(endpoint, timeout.Token);
        return new DevToolsSession(socket);
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        return await reply.Task.WaitAsync(CommandTimeout);
    }

    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.enable");
        await SendAsync("Page.navigate", new { url = url.ToString() });
        await WaitUntilAsync("document.readyState === 'complete'", TimeSpan.FromSeconds(15));
    }

    /// <summary>Runs <paramref name="expression"/> in the page (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException($"Page script failed: {error}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls a boolean expression until it is true; false if it never was within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitUntilAsync(string expression, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await EvaluateAsync(expression)).ValueKind == JsonValueKind.True)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>
    /// Clicks the first element matching <paramref name="selector"/> as a user would: scrolled into view, then a
    /// left button pressed and released at its centre (Input.dispatchMouseEvent), so the page sees mousedown,
    /// mouseup and click from the browser itself. False when nothing matches or the element has no size.
    /// </summary>
    public async Task<bool> ClickAsync(string selector)
    {
        var selectorJson = JsonSerializer.Serialize(selector);
        var box = await EvaluateAsync(
            $"(() => {{ const e = document.querySelector({selectorJson}); if (!e) return null; e.scrollIntoView({{ block: 'center' }});" +
            " const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? [r.left + r.width / 2, r.top + r.height / 2] : null; })()");
        if (box.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var (x, y) = (box[0].GetDouble(), box[1].GetDouble());
        await SendAsync("Input.dispatchMouseEvent", new { type = "mouseMoved", x, y });
        await SendAsync("Input.dispatchMouseEvent", new { type = "mousePressed", x, y, button = "left", buttons = 1, clickCount = 1 });
        await SendAsync("Input.dispatchMouseEvent", new { type = "mouseReleased", x, y, button = "left", buttons = 0, clickCount = 1 });
        return true;
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiver;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                Dispatch(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Browser gone or session disposed: fail whatever still waits.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("DevTools connection closed"));
        }
    }

    private void Dispatch(string json)
    {
        var node = JsonNode.Parse(json);
        if (node?["id"] is not { } idNode || !_pending.TryRemove(idNode.GetValue<int>(), out var reply))
        {
            return;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            reply.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
        }
        else
        {
            reply.TrySetResult(document.RootElement.GetProperty("result").Clone());
        }
    }
}
