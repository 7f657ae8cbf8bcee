using System.Diagnostics;
using System.Globalization;

namespace Switchboard.TestKit.Hosting;

/// <summary>
/// Waits until a process started by a test has bound its port (a UDP socket or a listening TCP socket), read from
/// the kernel's socket tables, so a test does not send to a peer that is still starting up: a fixed pause was too
/// short when the machine was busy, and the datagram met a closed port.
/// </summary>
public static class BoundPorts
{
    private static readonly string[] Tables = ["/proc/net/udp", "/proc/net/tcp"];

    /// <summary>True once <paramref name="port"/> is bound on any local address; false after <paramref name="within"/>.</summary>
    public static async Task<bool> WaitAsync(int port, TimeSpan within)
    {
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (Tables.Any(table => IsBound(table, suffix)))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private static bool IsBound(string table, string suffix)
    {
        // Each row: "sl local_address rem_address st ...", addresses as HEXIP:HEXPORT; TCP counts only LISTEN (0A).
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 3 && fields[1].EndsWith(suffix, StringComparison.Ordinal)
                && (table.EndsWith("udp", StringComparison.Ordinal) || fields[3] == "0A"))
            {
                return true;
            }
        }

        return false;
    }
}
