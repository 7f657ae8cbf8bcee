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
}
