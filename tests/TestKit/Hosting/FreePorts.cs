using System.Net;
using System.Net.Sockets;

namespace Switchboard.TestKit.Hosting;

/// <summary>Loopback ports that are free right now, for TCP and UDP alike (SIP listens on both).</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }

            lock (Handed)
            {
                // The OS may offer the same ephemeral port twice before either user binds it.
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No free loopback port found after 200 attempts");
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive loopback ports free for UDP right now: sipp's media port
    /// (<c>-mp</c>) also binds the next three (RTCP, video RTP and RTCP), and a taken one makes it exit at start.
    /// </summary>
    public static int NextBlock(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Next();
            if (first + count - 1 > IPEndPoint.MaxPort || !AllFree(first + 1, count - 1))
            {
                continue;
            }

            lock (Handed)
            {
                if (Enumerable.Range(first + 1, count - 1).All(Handed.Add))
                {
                    return first;
                }
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free loopback ports found after 200 attempts");
    }

    private static bool AllFree(int from, int count)
    {
        var bound = new List<UdpClient>();
        try
        {
            for (var port = from; port < from + count; port++)
            {
                bound.Add(new UdpClient(new IPEndPoint(IPAddress.Loopback, port)));
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            bound.ForEach(u => u.Dispose());
        }
    }
}
